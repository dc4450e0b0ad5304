namespace ArScale.Integration.Tests.Gateway;

/// <summary>What MassTransit wrote to a <c>*_error</c> queue: the message's headers hold the exception, i.e. the reason.</summary>
public static class ErrorQueue
{
    /// <summary>The headers of the first message to reach the queue, as text; fails after <paramref name="timeout"/> (30 s).</summary>
    public static async Task<string> FirstReasonAsync(GatewaySystem system, string queue, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if ((await system.Broker.TakeAsync(queue, 1)) is [var (properties, _), ..])
            {
                return properties.ToString();
            }

            await Task.Delay(200, deadline.Token);
        }
    }
}
