namespace ArScale.AppHost.Model;

/// <summary>
/// ArScale's own ports on this machine, so nothing else's are taken: HTTP from 5100 (gateway 5100, silos 5101…,
/// notifiers 5111…), Orleans from 11111 (silo ports; gateway ports 100 above). <c>ARSCALE_HTTP_PORT_BASE</c> and
/// <c>ARSCALE_ORLEANS_PORT_BASE</c> move them (a second copy of the system, the tests).
/// </summary>
public sealed record ServicePorts(int HttpBase, int OrleansBase)
{
    public const int MaxReplicas = 9;

    public int Gateway => HttpBase;

    public int FirstSilo => HttpBase + 1;

    public int FirstNotifier => HttpBase + 1 + MaxReplicas + 1;

    public int FirstSiloPort => OrleansBase;

    public int FirstSiloGatewayPort => OrleansBase + 100;

    public static ServicePorts FromEnvironment() =>
        new(PortBase("ARSCALE_HTTP_PORT_BASE", 5100), PortBase("ARSCALE_ORLEANS_PORT_BASE", 11111));

    private static int PortBase(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) && value is > 1024 and < 65000 ? value : fallback;
}
