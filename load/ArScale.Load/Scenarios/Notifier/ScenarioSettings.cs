using System.Globalization;
using ArScale.Load.Infrastructure.Sinks;

namespace ArScale.Load.Scenarios.Notifier;

/// <summary>The notifier scenario's flags, and the Notifier settings they become.</summary>
public sealed record ScenarioSettings(
    int Notices, int Accounts, IReadOnlyList<int> NotifierCounts, int ConcurrentMessageLimit, int PrefetchCount, int PoolSize,
    TimeSpan Timeout, TimeSpan QuietWait, bool Grouped, bool KeepData, SinkKind Sink)
{
    /// <summary>
    /// The order notices are published in. Interleaved (default): invoice 1 of every account, then invoice 2 of every
    /// account..., so the notices in flight at once belong to different accounts, as when many accounts' reminders fire.
    /// Grouped: an account's notices back to back, so they queue on the same account grain.
    /// </summary>
    public string Order => Grouped ? "grouped" : "interleaved";

    /// <summary>Publishes awaiting their broker confirm at once.</summary>
    public int PublishInFlight => 500;

    public int InvoicesPerAccount => Notices / Accounts;

    /// <summary>What every Notifier of the run is started with, on top of the system's connection strings.</summary>
    public IReadOnlyDictionary<string, string> NotifierEnvironment() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ArScale__Notifier__ConcurrentMessageLimit"] = ConcurrentMessageLimit.ToString(CultureInfo.InvariantCulture),
        ["ArScale__Bus__PrefetchCount"] = PrefetchCount.ToString(CultureInfo.InvariantCulture),
        ["ArScale__Notifier__Email__PoolSize"] = PoolSize.ToString(CultureInfo.InvariantCulture),
    };
}
