using System.Globalization;
using ArScale.Load.Cli;

namespace ArScale.Load.Scenarios.Baseline;

/// <summary>The Hangfire baseline's own flags (the storm's are shared with ArScale's run).</summary>
public sealed record BaselineSettings(int? Workers, TimeSpan Polling)
{
    /// <summary>Invoices per <c>POST /invoices</c>, and requests in flight: the set-up, not measured.</summary>
    public const int BatchSize = 500;

    public const int BatchesInFlight = 4;

    public static IReadOnlyList<FlagHelp> Help =>
    [
        new("workers", "Hangfire's", "Hangfire worker count (Hangfire's default: 5 per core, at most 20; 10 here)"),
        new("polling", "1", "seconds between Hangfire's polls for due scheduled jobs and for queued jobs (Hangfire's default: 15)"),
    ];

    public static BaselineSettings Read(Flags flags) => new(
        flags.Text("workers") is null ? null : flags.Int("workers", 10, max: 1000),
        flags.Seconds("polling", TimeSpan.FromSeconds(1)));

    /// <summary>Hangfire's default worker count, as <c>BackgroundJobServerOptions</c> computes it.</summary>
    public int EffectiveWorkers => Workers ?? Math.Min(System.Environment.ProcessorCount * 5, 20);

    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Baseline__SchedulePollingInterval"] = Polling.ToString("c", CultureInfo.InvariantCulture),
            ["Baseline__QueuePollInterval"] = Polling.ToString("c", CultureInfo.InvariantCulture),
        };
        if (Workers is { } workers)
        {
            environment["Baseline__WorkerCount"] = workers.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }
}
