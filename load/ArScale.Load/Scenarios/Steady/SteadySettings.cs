using System.Globalization;
using ArScale.Load.Cli;
using ArScale.Load.Scenarios.Storm;

namespace ArScale.Load.Scenarios.Steady;

/// <summary>
/// The steady scenario's flags: a rate and a duration, which make a storm (<see cref="StormSettings"/>) of
/// rate × duration accounts whose wake-ups the silo smears over the duration (<c>WakeUpSpread</c> = the duration).
/// </summary>
/// <param name="Rate">Notices per second asked for.</param>
/// <param name="Minutes">How long the load lasts: the wake-up spread.</param>
/// <param name="Storm">The storm it becomes: <c>Accounts</c> = rate × minutes × 60, <c>WakeUpSpread</c> = minutes × 60 s.</param>
public sealed record SteadySettings(int Rate, double Minutes, StormSettings Storm)
{
    public const int DefaultRate = 200;

    public const double DefaultMinutes = 10;

    /// <summary>The goal: 99 % of notices at the SMTP server within 5 s of falling due.</summary>
    public const double GoalSeconds = 5;

    /// <summary>As <see cref="StormSettings.Read"/> allows.</summary>
    private const int MaxAccounts = 2_000_000;

    public int Accounts => Storm.Accounts;

    public TimeSpan Spread => Storm.WakeUpSpread;

    public static IReadOnlyList<FlagHelp> Help { get; } =
    [
        new("rate", DefaultRate.ToString(CultureInfo.InvariantCulture), "notices falling due per second: accounts = rate × minutes × 60"),
        new("minutes", DefaultMinutes.ToString(CultureInfo.InvariantCulture), "how long they keep falling due: the silo's ArScale__Dunning__WakeUpSpread = minutes × 60 s (a fraction is allowed when it makes whole seconds: 0.5)"),
        .. StormSettings.ServiceHelp,
        new("warm", "false", "keep the account grains active until T0 (default: deactivated first, so each wake-up reads its account from PostgreSQL)"),
        .. StormSettings.TimingHelp.Where(flag => flag.Name != "timeout"),
        new("timeout", "auto", "seconds after T0 the load may take before it counts what arrived and fails (auto: the spread + 120 + 10 ms per account)"),
        new("quiet-wait", "300", "seconds to wait for other processes to leave the CPU before the set-up"),
        new("keep-data", "false", "keep the run's database and virtual host for inspection"),
    ];

    public static SteadySettings Read(Flags flags)
    {
        var rate = flags.Int("rate", DefaultRate, max: 100_000);
        var minutes = ReadMinutes(flags);
        var seconds = (int)Math.Round(minutes * 60);
        var accounts = (long)rate * seconds;
        if (accounts > MaxAccounts)
        {
            throw new FlagException(string.Create(CultureInfo.InvariantCulture, $"--rate {rate} × --minutes {minutes} makes {accounts:N0} accounts; at most {MaxAccounts:N0}"));
        }

        var spread = TimeSpan.FromSeconds(seconds);
        var storm = StormSettings.ReadServices(flags, (int)accounts, spread, warm: flags.Switch("warm"), flags.Seconds("quiet-wait", TimeSpan.FromSeconds(300)), flags.Switch("keep-data"));
        return new SteadySettings(rate, minutes, storm with { Timeout = storm.Timeout ?? AutoTimeout(spread, (int)accounts) });
    }

    /// <summary>The last notice falls due at the end of the spread: room after it for a backlog of about a minute per 6,000 accounts.</summary>
    public static TimeSpan AutoTimeout(TimeSpan spread, int accounts) => spread + TimeSpan.FromSeconds(120 + (accounts * 0.010));

    private static double ReadMinutes(Flags flags)
    {
        if (flags.Text("minutes") is not { } text)
        {
            return DefaultMinutes;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes)
            && minutes > 0 && minutes <= 24 * 60 && Math.Abs((minutes * 60) - Math.Round(minutes * 60)) < 1e-9 && Math.Round(minutes * 60) >= 1
            ? minutes
            : throw new FlagException($"--minutes is a number of minutes that makes whole seconds (10, 2, 0.5), not '{text}'");
    }

    public string RateLabel => string.Create(CultureInfo.InvariantCulture, $"{Rate:N0} notices/s for {Minutes:0.##} min");
}
