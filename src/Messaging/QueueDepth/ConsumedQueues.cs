using System.Collections.Concurrent;
using MassTransit;

namespace ArScale.Messaging.QueueDepth;

/// <summary>
/// The durable queues this process consumes, learnt from MassTransit as each receive endpoint becomes ready
/// (the names come from the endpoint formatter, so nothing is listed twice by hand).
/// </summary>
public sealed class ConsumedQueues : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, byte> names = new(StringComparer.Ordinal);

    /// <summary>Raised when a queue is first seen, so its depth is read at once rather than at the next interval.</summary>
    public event Action? Added;

    public IReadOnlyCollection<string> Names => [.. names.Keys.Order(StringComparer.Ordinal)];

    public Task Ready(ReceiveEndpointReady ready)
    {
        // The bus's own reply endpoint is a temporary, auto-deleted queue: nothing waits in it worth watching.
        var query = ready.InputAddress.Query;
        var temporary = query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase)
            || query.Contains("autodelete=true", StringComparison.OrdinalIgnoreCase);
        if (!temporary && ready.InputAddress.Segments is [.., var last] && names.TryAdd(Uri.UnescapeDataString(last.Trim('/')), 0))
        {
            Added?.Invoke();
        }

        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
