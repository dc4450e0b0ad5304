namespace ArScale.Load.Infrastructure;

/// <summary>
/// Once a second, how many cores processes outside the measurement used (a build or a test run next door), so
/// that seconds of a run disturbed by them can be told from quiet ones.
/// </summary>
public sealed class CpuTimeline : IAsyncDisposable
{
    private readonly List<CpuInterval> intervals = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;

    public CpuTimeline(IReadOnlyList<CpuComponent> components) => sampling = Task.Run(() => SampleAsync(components));

    public IReadOnlyList<CpuInterval> Intervals
    {
        get
        {
            lock (intervals)
            {
                return [.. intervals];
            }
        }
    }

    /// <summary>Average cores used by other processes over the intervals whose middle falls in [from, to); null when none does.</summary>
    public double? OtherCores(DateTimeOffset from, DateTimeOffset to)
    {
        var inside = Intervals.Where(interval => interval.Middle >= from && interval.Middle < to).ToList();
        return inside.Count > 0 ? inside.Average(interval => interval.OtherCores) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }

    private async Task SampleAsync(IReadOnlyList<CpuComponent> components)
    {
        var previous = CpuSnapshot.Take(components);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var current = CpuSnapshot.Take(components);
                var usage = CpuUsage.Between(previous, current);
                lock (intervals)
                {
                    intervals.Add(new CpuInterval(
                        previous.At, current.At, usage.OtherCores,
                        usage.Components.ToDictionary(component => component.Name, component => Math.Round(component.Cores, 3), StringComparer.Ordinal)));
                }

                previous = current;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}

/// <summary>One sampling interval: cores used by each measured component and by everything else.</summary>
public sealed record CpuInterval(DateTimeOffset From, DateTimeOffset To, double OtherCores, IReadOnlyDictionary<string, double> Components)
{
    public DateTimeOffset Middle => From + ((To - From) / 2);
}
