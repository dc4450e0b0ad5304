using System.Threading.Channels;

namespace ArScale.ServiceDefaults.Batching;

/// <summary>
/// Turns many concurrent single requests into few batched statements, each caller awaiting only its own answer.
/// A flusher takes whatever has queued up (at most <see cref="CoalescerOptions.MaxBatch"/>) the moment it is free, so
/// a lone request waits for nothing and a storm's requests share statements; no timer delays anyone. Two requests
/// with the same <paramref name="conflictKey"/> (unless it is null) never share a batch (the second waits for the next one), so a batch
/// statement never sees one row twice. A batch that fails fails each of its callers with the same exception.
/// </summary>
/// <typeparam name="TRequest">One caller's request.</typeparam>
/// <typeparam name="TResult">One caller's answer; <paramref name="flush"/> returns one per request, in order.</typeparam>
public sealed class Coalescer<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> flush;
    private readonly Func<TRequest, string?> conflictKey;
    private readonly int maxBatch;
    private readonly Task[] flushers;

    public Coalescer(
        Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> flush,
        Func<TRequest, string?> conflictKey,
        CoalescerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Flushers, 1);
        this.flush = flush;
        this.conflictKey = conflictKey;
        maxBatch = options.MaxBatch;
        flushers = [.. Enumerable.Range(0, options.Flushers).Select(_ => Task.Run(FlushLoopAsync))];
    }

    private long flushed;
    private long batches;

    /// <summary>Requests flushed so far, and the batches they went in: their ratio is the batching a load achieved.</summary>
    public long Flushed => Interlocked.Read(ref flushed);

    public long Batches => Interlocked.Read(ref batches);

    public Task<TResult> SubmitAsync(TRequest request)
    {
        var pending = new Pending(request, conflictKey(request));
        return queue.Writer.TryWrite(pending)
            ? pending.Answer.Task
            : Task.FromException<TResult>(new ObjectDisposedException(nameof(Coalescer<TRequest, TResult>), "the coalescer is stopped"));
    }

    private async Task FlushLoopAsync()
    {
        var held = new Queue<Pending>();
        var batch = new List<Pending>(maxBatch);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            if (held.Count == 0 && !await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                return;
            }

            // Requests held back from the last batch go first: their key is free again.
            var heldCount = held.Count;
            for (var i = 0; i < heldCount && batch.Count < maxBatch; i++)
            {
                Take(held.Dequeue(), batch, keys, held);
            }

            while (batch.Count < maxBatch && queue.Reader.TryRead(out var pending))
            {
                Take(pending, batch, keys, held);
            }

            if (batch.Count > 0)
            {
                await FlushAsync(batch).ConfigureAwait(false);
            }

            batch.Clear();
            keys.Clear();
        }
    }

    private static void Take(Pending pending, List<Pending> batch, HashSet<string> keys, Queue<Pending> held)
    {
        if (pending.Key is null || keys.Add(pending.Key))
        {
            batch.Add(pending);
        }
        else
        {
            held.Enqueue(pending);
        }
    }

    private async Task FlushAsync(List<Pending> batch)
    {
        try
        {
            var results = await flush([.. batch.Select(pending => pending.Request)], CancellationToken.None).ConfigureAwait(false);
            if (results.Count != batch.Count)
            {
                throw new InvalidOperationException($"a batch of {batch.Count} requests was answered with {results.Count} results");
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Answer.TrySetResult(results[i]);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in batch)
            {
                pending.Answer.TrySetException(exception);
            }
        }

        Interlocked.Add(ref flushed, batch.Count);
        Interlocked.Increment(ref batches);
    }

    /// <summary>Flushes what was submitted before, then stops; later submissions fail.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(flushers).ConfigureAwait(false);
    }

    private sealed class Pending(TRequest request, string? key)
    {
        public TRequest Request { get; } = request;

        public string? Key { get; } = key;

        public TaskCompletionSource<TResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>How a <see cref="Coalescer{TRequest, TResult}"/> batches.</summary>
public sealed class CoalescerOptions
{
    /// <summary>Most requests in one statement.</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>Statements in flight at once: on two cores a few keep PostgreSQL busy while the next batch gathers.</summary>
    public int Flushers { get; set; } = 4;
}
