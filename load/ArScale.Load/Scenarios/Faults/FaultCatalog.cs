namespace ArScale.Load.Scenarios.Faults;

/// <summary>Every fault by its name, in the order a run takes them: the storm faults, then those through the Gateway.</summary>
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
        new PaidInFlight(),
    ];

    public static IReadOnlyList<GatewayFault> Gateway { get; } =
    [
        new DatabaseRestart(immediate: false),
        new DatabaseRestart(immediate: true),
        new IdempotencyRace(),
        new BadInput(),
        new AuthMatrix(),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Storm.Select(fault => fault.Name), .. Gateway.Select(fault => fault.Name)];
}
