using System.Globalization;
using ArScale.Load.Cli;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// The <c>faults</c> flags. The small defaults (50 accounts, a 10 s spread, outages of 5 s, 2,000 invoices) are what
/// <c>tests/Load.Tests</c> runs on every change; the published report comes from 2,000 accounts over 60 s with the
/// outages the issue names (5 min of SMTP, 60 s of broker).
/// </summary>
public sealed record FaultSettings(IReadOnlyList<string> Faults, int Accounts, TimeSpan WakeUpSpread, TimeSpan Outage, TimeSpan? ReminderPeriod, int Invoices, int Requests, TimeSpan QuietWait, bool KeepData)
{
    /// <summary>The silo's own default (<c>DunningOptions.ReminderPeriod</c>), when the run does not set one.</summary>
    public static readonly TimeSpan DefaultReminderPeriod = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<FlagHelp> Help { get; } =
    [
        new("fault", "all", "comma-separated: " + string.Join(", ", FaultCatalog.Names)),
        new("accounts", "50", "K: accounts whose notice falls due in the storm (the published report: 2000)"),
        new("wake-up-spread", "10", "seconds over which the K reminders wake (the published report: 60); the fault hits at a third of it"),
        new("outage", "5", "seconds an outage lasts (SMTP down or silent, broker stopped or hung; the published report: 300 for SMTP, 60 for the broker)"),
        new("reminder-period", "the silo's (300)", "seconds, ArScale__Dunning__ReminderPeriod of the silos: a reminder tick lost with a dead silo comes back one period later (the tests: 60)"),
        new("invoices", "2000", "invoices over HTTP in the database-restart faults, and a tenth of that over AMQP (the published report: 20000)"),
        new("requests", "1000", "malformed requests of the bad-input fault, round after round over its cases (the published report: 10000)"),
        new("quiet-wait", "300", "seconds to wait for other processes to leave the CPU before each storm"),
        new("keep-data", "false", "keep each run's database and virtual host for inspection"),
    ];

    public static FaultSettings Read(Flags flags)
    {
        var faults = (flags.Text("fault") ?? string.Join(',', FaultCatalog.Names))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var fault in faults)
        {
            if (!FaultCatalog.Names.Contains(fault, StringComparer.Ordinal))
            {
                throw new FlagException($"--fault: '{fault}' is not one of {string.Join(", ", FaultCatalog.Names)}");
            }
        }

        return new FaultSettings(
            faults,
            flags.Int("accounts", 50, max: 200_000),
            TimeSpan.FromSeconds(flags.Int("wake-up-spread", 10, min: 0, max: 3_600)),
            TimeSpan.FromSeconds(flags.Int("outage", 5, min: 1, max: 3_600)),
            flags.Text("reminder-period") is null ? null : TimeSpan.FromSeconds(flags.Int("reminder-period", 300, min: 60, max: 86_400)),
            flags.Int("invoices", 2_000, min: 100, max: 1_000_000),
            flags.Int("requests", 1_000, min: 1, max: 1_000_000),
            flags.Seconds("quiet-wait", TimeSpan.FromSeconds(300)),
            flags.Switch("keep-data"));
    }

    public TimeSpan EffectiveReminderPeriod => ReminderPeriod ?? DefaultReminderPeriod;

    /// <summary>What the silos get on top of the storm's own settings.</summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment(IReadOnlyDictionary<string, string> storm)
    {
        var environment = new Dictionary<string, string>(storm, StringComparer.Ordinal);
        if (ReminderPeriod is { } period)
        {
            environment["ArScale__Dunning__ReminderPeriod"] = period.ToString("c", CultureInfo.InvariantCulture);
        }

        return environment;
    }

    public string OutageLabel => string.Create(CultureInfo.InvariantCulture, $"{Outage.TotalSeconds:0} s");
}
