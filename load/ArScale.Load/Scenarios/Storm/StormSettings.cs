using System.Globalization;
using ArScale.Load.Cli;
using ArScale.Load.Infrastructure.Sinks;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>The storm's flags (shared by <c>storm</c> and <c>baseline</c>), and the service settings they become.</summary>
public sealed record StormSettings(
    int Accounts,
    TimeSpan WakeUpSpread,
    int Notifiers,
    int ConcurrentMessageLimit,
    int PrefetchCount,
    int PoolSize,
    int ReminderWork,
    bool Warm,
    SinkKind Sink,
    TimeSpan? Lead,
    TimeSpan? Timeout,
    TimeSpan QuietWait,
    bool KeepData,
    int Silos = 1)
{
    /// <summary>The silo's own default (<c>DunningOptions.MaxConcurrentReminderWork</c>): the storms run the production setting.</summary>
    public const int DefaultReminderWork = 256;

    /// <summary>The Notifier's own defaults (<c>ConcurrentMessageLimit</c>, and the prefetch of its appsettings.json).</summary>
    public const int DefaultConcurrency = 128;

    /// <inheritdoc cref="DefaultConcurrency"/>
    public const int DefaultPrefetch = 256;

    /// <param name="defaultAccounts">The small default: a run that finishes within a minute.</param>
    public static IReadOnlyList<FlagHelp> Help(int defaultAccounts, string accountsNote, string spreadNote = "") =>
    [
        new("accounts", defaultAccounts.ToString(CultureInfo.InvariantCulture), "accounts, each with one invoice whose notice falls due at T0 " + accountsNote),
        Spread(spreadNote),
        .. ServiceHelp,
        new("warm", "false", "keep the account grains active until T0 (default: deactivated first, so T0 reads every account from PostgreSQL)"),
        .. TimingHelp,
        new("quiet-wait", "300", "seconds to wait for other processes to leave the CPU before the set-up"),
        new("keep-data", "false", "keep the run's database and virtual host for inspection"),
    ];

    public static FlagHelp Spread(string note = "") =>
        new("wake-up-spread", "0", "ArScale__Dunning__WakeUpSpread of the silo, in seconds: 0 wakes every account at T0 (the storm as defined); the production default is 600" + note);

    /// <summary>The flags of the services a storm runs on: the Notifiers and the silo's reminder work.</summary>
    public static IReadOnlyList<FlagHelp> ServiceHelp { get; } =
    [
        new("silos", "1", "silo processes, one cluster (the reminder ring split between them)"),
        new("notifiers", "1", "Notifier processes"),
        new("concurrency", "128", "ArScale__Notifier__ConcurrentMessageLimit of each Notifier"),
        new("prefetch", "256", "ArScale__Bus__PrefetchCount of each Notifier"),
        new("pool-size", "8", "ArScale__Notifier__Email__PoolSize (SMTP sessions) of each Notifier"),
        new("reminder-work", "256", "ArScale__Dunning__MaxConcurrentReminderWork of the silo: reminder firings worked on at once"),
    ];

    /// <summary>The flags of the storm's sink and its timing.</summary>
    public static IReadOnlyList<FlagHelp> TimingHelp { get; } =
    [
        new("sink", "dotnet", "the SMTP sink (" + SinkKinds.Help + ")"),
        new("lead", "auto", "seconds from the end of the first set-up pass to T0 (auto: from how long that pass took)"),
        new("timeout", "auto", "seconds after T0 a storm may take before it counts what arrived and fails (auto: 60 + 50 ms per account)"),
    ];

    /// <param name="spread">The wake-up spread: the scenario reads its own flag (one value, or a list to compare).</param>
    public static StormSettings Read(Flags flags, int defaultAccounts, TimeSpan spread)
    {
        var accounts = flags.Int("accounts", defaultAccounts, max: 2_000_000);
        return ReadServices(flags, accounts, spread, warm: flags.Switch("warm"), flags.Seconds("quiet-wait", TimeSpan.FromSeconds(300)), flags.Switch("keep-data"));
    }

    /// <summary>
    /// The flags of <see cref="ServiceHelp"/> and <see cref="TimingHelp"/>, for a storm on <paramref name="accounts"/>
    /// accounts whose other settings the scenario has (<c>scale</c> reads its own accounts, quiet wait and data flags).
    /// </summary>
    public static StormSettings ReadServices(Flags flags, int accounts, TimeSpan spread, bool warm, TimeSpan quietWait, bool keepData) => new(
        accounts,
        spread,
        flags.Int("notifiers", 1, max: 16),
        flags.Int("concurrency", DefaultConcurrency, max: 4096),
        flags.Int("prefetch", DefaultPrefetch, max: 65_535),
        flags.Int("pool-size", 8, max: 1024),
        flags.Int("reminder-work", DefaultReminderWork, max: 100_000),
        warm,
        SinkKinds.Flag(flags, "sink", SinkKind.Dotnet),
        flags.Text("lead") is null or "auto" ? null : flags.Seconds("lead", TimeSpan.Zero),
        flags.Text("timeout") is null or "auto" ? null : flags.Seconds("timeout", TimeSpan.Zero),
        quietWait,
        keepData,
        flags.Int("silos", 1, max: 8));

    /// <summary>
    /// From the moment T0 is chosen to T0: room for what the set-up still has to do, judged by how long a pass over
    /// every account just took on this machine (<paramref name="pass"/>): <paramref name="passes"/> more such passes,
    /// a third again for a busier moment, and 3 s.
    /// </summary>
    public TimeSpan LeadAfter(TimeSpan pass, double passes) => Lead ?? (pass * passes * 1.3) + TimeSpan.FromSeconds(3);

    public TimeSpan StormTimeout => Timeout ?? TimeSpan.FromSeconds(60 + (Accounts * 0.050));

    /// <summary>What every Notifier is started with, on top of the system's connection strings.</summary>
    public IReadOnlyDictionary<string, string> NotifierEnvironment() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ArScale__Notifier__ConcurrentMessageLimit"] = ConcurrentMessageLimit.ToString(CultureInfo.InvariantCulture),
        ["ArScale__Bus__PrefetchCount"] = PrefetchCount.ToString(CultureInfo.InvariantCulture),
        ["ArScale__Notifier__Email__PoolSize"] = PoolSize.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The silo's settings for the storm. By default each account wakes at its own offset inside a 10-minute
    /// <c>WakeUpSpread</c>, which smears a storm over ten minutes (at most K / 600 e-mails per second); the storm as
    /// the issue defines it has every account wake at T0 (0), and the flag says what a run used.
    /// </summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ArScale__Dunning__WakeUpSpread"] = WakeUpSpread.ToString("c", CultureInfo.InvariantCulture),
        ["ArScale__Dunning__MaxConcurrentReminderWork"] = ReminderWork.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The spread as a report shows it: "0 s" or "600 s".</summary>
    public string SpreadLabel => string.Create(CultureInfo.InvariantCulture, $"{WakeUpSpread.TotalSeconds:0} s");
}
