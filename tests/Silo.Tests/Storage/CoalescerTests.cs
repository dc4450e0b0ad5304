using ArScale.ServiceDefaults.Batching;

namespace ArScale.Silo.Tests.Storage;

/// <summary>The batching under the account storage: who shares a statement, who waits, and what a failure reaches.</summary>
public sealed class CoalescerTests
{
    [Fact]
    public async Task Requests_that_arrive_while_a_statement_runs_share_the_next_one_and_each_gets_its_own_answer()
    {
        var statements = new List<IReadOnlyList<int>>();
        var firstRunning = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        await using var coalescer = new Coalescer<int, int>(
            async (batch, _) =>
            {
                lock (statements)
                {
                    statements.Add(batch);
                }

                if (batch.Contains(0))
                {
                    firstRunning.SetResult();
                    await releaseFirst.Task;
                }

                return [.. batch.Select(value => value * 10)];
            },
            value => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new CoalescerOptions { MaxBatch = 100, Flushers = 1 });

        var first = coalescer.SubmitAsync(0);
        await firstRunning.Task;
        var waiting = Enumerable.Range(1, 50).Select(coalescer.SubmitAsync).ToList();
        releaseFirst.SetResult();

        Assert.Equal(0, await first);
        Assert.Equal(Enumerable.Range(1, 50).Select(value => value * 10), await Task.WhenAll(waiting));
        Assert.Equal(2, statements.Count);
        Assert.Equal(50, statements[1].Count);
    }

    [Fact]
    public async Task Two_requests_with_one_key_never_share_a_statement()
    {
        var statements = new List<IReadOnlyList<string>>();
        var gate = new TaskCompletionSource();
        await using var coalescer = new Coalescer<string, string>(
            async (batch, _) =>
            {
                await gate.Task;
                lock (statements)
                {
                    statements.Add(batch);
                }

                return batch;
            },
            value => value.Split(':')[0],
            new CoalescerOptions { MaxBatch = 100, Flushers = 1 });

        var blocker = coalescer.SubmitAsync("blocker:0");
        await Task.Delay(50);
        var answers = new[] { "a:1", "b:1", "a:2", "c:1", "a:3" }.Select(coalescer.SubmitAsync).ToList();
        gate.SetResult();
        await blocker;
        await Task.WhenAll(answers);

        Assert.All(statements, batch => Assert.Equal(batch.Count, batch.Select(value => value.Split(':')[0]).Distinct().Count()));
        Assert.Equal(["a:1", "a:2", "a:3"], statements.SelectMany(batch => batch).Where(value => value.StartsWith("a:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failed_statement_fails_each_of_its_callers_and_the_next_statement_runs()
    {
        var calls = 0;
        await using var coalescer = new Coalescer<int, int>(
            (batch, _) => Interlocked.Increment(ref calls) == 1
                ? Task.FromException<IReadOnlyList<int>>(new InvalidOperationException("connection lost"))
                : Task.FromResult<IReadOnlyList<int>>([.. batch]),
            _ => null,
            new CoalescerOptions { MaxBatch = 10, Flushers = 1 });

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => coalescer.SubmitAsync(1));
        Assert.Equal("connection lost", failed.Message);
        Assert.Equal(2, await coalescer.SubmitAsync(2));
    }

    [Fact]
    public async Task Stopping_answers_everything_submitted_before_and_refuses_what_comes_after()
    {
        var coalescer = new Coalescer<int, int>((batch, _) => Task.FromResult<IReadOnlyList<int>>([.. batch]), _ => null, new CoalescerOptions());
        var submitted = Enumerable.Range(0, 1000).Select(coalescer.SubmitAsync).ToList();

        await coalescer.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 1000), await Task.WhenAll(submitted));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => coalescer.SubmitAsync(1));
        Assert.Equal(1000, coalescer.Flushed);
    }
}
