using System.Globalization;
using MassTransit;
using Npgsql;

namespace ArScale.Gateway.Projections;

/// <summary>
/// A row PostgreSQL refuses for what it holds (a NUL in a name, a value out of range, a missing required value)
/// will be refused on every retry, unlike a dropped connection or a timeout. Such a message is moved to its
/// endpoint's error queue with the reason, the way MassTransit moves a faulted one, so an operator can see and
/// replay it; the rest of its batch is stored.
/// </summary>
public static class BadRows
{
    /// <summary>SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the row, not the database, is at fault.</summary>
    public static bool IsBadRow(Exception exception) =>
        exception is PostgresException { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal));

    public static async Task MoveToErrorQueueAsync<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        var input = context.ReceiveContext.InputAddress;
        // "queue:" makes MassTransit declare the queue and bind it; a plain endpoint address would declare only an
        // exchange, and the message would be dropped until the first ordinary fault had created the queue.
        var errorQueue = await context.GetSendEndpoint(new Uri($"queue:{input.AbsolutePath.TrimEnd('/').Split('/')[^1]}_error"));
        await errorQueue.Send(context.Message, send =>
        {
            send.MessageId = context.MessageId;
            send.Headers.Set("MT-Reason", "fault");
            send.Headers.Set("MT-Fault-ExceptionType", exception.GetType().FullName);
            send.Headers.Set("MT-Fault-Message", exception.Message);
            send.Headers.Set("MT-Fault-Timestamp", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            send.Headers.Set("MT-Fault-InputAddress", input.ToString());
        });
    }
}
