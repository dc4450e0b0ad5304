namespace ArScale.Load.Scenarios.Faults;

/// <summary>Every storm fault by its name, in the order a run takes them.</summary>
public static class FaultCatalog
{
    public static IReadOnlyList<StormFault> Storm { get; } =
    [
        new SmtpOutage(silent: false),
        new SmtpOutage(silent: true),
        new NotifierKill(),
        new SiloKill(restart: false),
        new SiloKill(restart: true),
        new BrokerOutage(hang: false),
        new BrokerOutage(hang: true),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Storm.Select(fault => fault.Name)];
}
