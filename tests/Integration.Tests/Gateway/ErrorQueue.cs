namespace ArScale.Integration.Tests.Gateway;

/// <summary>What reached a <c>*_error</c> queue: MassTransit's fault headers hold the exception, i.e. the reason; the body is the message.</summary>
public static class ErrorQueue
{
    /// <summary>The headers and body of the first message to reach the queue, as text; fails after <paramref name="timeout"/> (30 s).</summary>
    public static async Task<string> FirstMessageAsync(GatewaySystem system, string queue, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if ((await system.Broker.TakeAsync(queue, 1)) is [var (properties, payload), ..])
            {
                return $"{properties}\n{payload}";
            }

            await Task.Delay(200, deadline.Token);
        }
    }
}
