using System.Globalization;
using ArScale.Load.Cli;

namespace ArScale.Load.Scenarios.Baseline;

/// <summary>
/// The Hangfire baseline's own flags (the storm's are shared with ArScale's run): which variants run after ArScale's
/// storm, and how each is set up.
/// </summary>
/// <param name="NaiveWorkers">The naive variant's worker count; null: Hangfire's default.</param>
/// <param name="TunedWorkers">The tuned variant's worker counts: one run each (more than one compares them).</param>
/// <param name="TunedPool">The tuned variant's SMTP pool size.</param>
public sealed record BaselineSettings(TimeSpan Polling, IReadOnlyList<string> Variants, int? NaiveWorkers, IReadOnlyList<int> TunedWorkers, int TunedPool)
{
    /// <summary>Invoices per <c>POST /invoices</c>, and requests in flight: the set-up, not measured.</summary>
    public const int BatchSize = 500;

    public const int BatchesInFlight = 4;

    /// <summary>
    /// The tuned variant's workers, chosen by measurement on this two-core machine (load/Baseline/README.md): of 5,
    /// 10, 20 and 40 workers, 10 was the fastest in both runs (the cores are the limit; more workers only add
    /// contention on Hangfire's fetch). It happens to be Hangfire's own default on two cores.
    /// </summary>
    public const int DefaultTunedWorkers = 10;

    /// <summary>The tuned variant's SMTP sessions: the same pool size as ArScale's Notifier (<c>--pool-size</c>).</summary>
    public const int DefaultTunedPool = 8;

    public static IReadOnlyList<FlagHelp> Help =>
    [
        new("variants", "naive,tuned", "the baseline variants run after ArScale's storm, in the order given: naive (a new SMTP connection per job, Hangfire's default workers), tuned (pooled NoDelay SMTP sessions, the measured worker count)"),
        new("naive-workers", "Hangfire's", "the naive variant's Hangfire worker count (Hangfire's default: 5 per core, at most 20; 10 here)"),
        new("tuned-workers", DefaultTunedWorkers.ToString(CultureInfo.InvariantCulture), "the tuned variant's Hangfire worker count (measured best on this machine); a list (10,20,40) runs the tuned variant once per count and compares them"),
        new("tuned-pool", DefaultTunedPool.ToString(CultureInfo.InvariantCulture), "SMTP sessions the tuned variant's pool keeps open at most (ArScale's Notifier: 8)"),
        new("polling", "1", "seconds between Hangfire's polls for due scheduled jobs and for queued jobs, both variants (Hangfire's default: 15)"),
    ];

    public static BaselineSettings Read(Flags flags)
    {
        var variants = (flags.Text("variants") ?? $"{BaselineVariant.Naive},{BaselineVariant.Tuned}")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (variants.Length == 0 || variants.Any(variant => variant is not (BaselineVariant.Naive or BaselineVariant.Tuned)) || variants.Distinct(StringComparer.Ordinal).Count() != variants.Length)
        {
            throw new FlagException($"--variants takes {BaselineVariant.Naive}, {BaselineVariant.Tuned} or both (comma-separated, each once)");
        }

        return new BaselineSettings(
            flags.Seconds("polling", TimeSpan.FromSeconds(1)),
            variants,
            flags.Text("naive-workers") is null ? null : flags.Int("naive-workers", HangfireDefaultWorkers, max: 1000),
            flags.IntList("tuned-workers", [DefaultTunedWorkers], max: 1000),
            flags.Int("tuned-pool", DefaultTunedPool, max: 1000));
    }

    /// <summary>Hangfire's default worker count, as <c>BackgroundJobServerOptions</c> computes it.</summary>
    public static int HangfireDefaultWorkers => Math.Min(System.Environment.ProcessorCount * 5, 20);

    /// <summary>The baseline runs, in order: the naive variant, then the tuned one once per worker count.</summary>
    public IReadOnlyList<BaselineVariant> Runs()
    {
        var sweep = TunedWorkers.Count > 1;
        return
        [
            .. Variants.SelectMany(variant => variant == BaselineVariant.Naive
                ? [new BaselineVariant(BaselineVariant.Naive, BaselineMailer.Naive, NaiveWorkers ?? HangfireDefaultWorkers, NaiveWorkers is null, null, sweep)]
                : TunedWorkers.Select(workers => new BaselineVariant(BaselineVariant.Tuned, BaselineMailer.Pooled, workers, false, TunedPool, sweep))),
        ];
    }

    /// <summary>What the app is started with for <paramref name="variant"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment(BaselineVariant variant)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Baseline__SchedulePollingInterval"] = Polling.ToString("c", CultureInfo.InvariantCulture),
            ["Baseline__QueuePollInterval"] = Polling.ToString("c", CultureInfo.InvariantCulture),
            ["Baseline__Mailer"] = variant.Mailer,
            ["Baseline__WorkerCount"] = variant.Workers.ToString(CultureInfo.InvariantCulture),
        };
        if (variant.PoolSize is { } pool)
        {
            environment["Baseline__PoolSize"] = pool.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }
}

/// <summary>The values of the baseline app's <c>Baseline:Mailer</c> (<c>load/Baseline/Hosting/BaselineOptions.cs</c>).</summary>
public static class BaselineMailer
{
    public const string Naive = "Naive";

    public const string Pooled = "Pooled";
}

/// <summary>One way the baseline app runs: its mailer, its Hangfire workers and, pooled, its SMTP sessions.</summary>
/// <param name="Name"><see cref="Naive"/> or <see cref="Tuned"/>.</param>
/// <param name="DefaultWorkers">The worker count is Hangfire's default (the naive variant, unless <c>--naive-workers</c>).</param>
/// <param name="Sweep">Several tuned worker counts run: the report names each run by its count.</param>
public sealed record BaselineVariant(string Name, string Mailer, int Workers, bool DefaultWorkers, int? PoolSize, bool Sweep)
{
    public const string Naive = "naive";

    public const string Tuned = "tuned";

    public bool IsTuned => Name == Tuned;

    /// <summary>The report's name for the run (a row of its tables, a line of its chart).</summary>
    public string System => IsTuned && Sweep
        ? string.Create(CultureInfo.InvariantCulture, $"Hangfire tuned, {Workers} workers")
        : $"Hangfire {Name}";

    /// <summary>
    /// The run id's suffix: the database, the accounts' ids and the raw logs of the run carry it. Short, because the
    /// notice ids carry it too, and a header word longer than a line is sent RFC 2047-encoded (see <see cref="HangfireStorm"/>).
    /// </summary>
    public string RunSuffix => IsTuned && Sweep ? string.Create(CultureInfo.InvariantCulture, $"hf-tuned-{Workers}") : $"hf-{Name}";
}
