namespace ArScale.AppHost;

/// <summary>
/// The services of one local system, in start order: two silos forming one cluster, then the gateway and
/// the notifier, which are Orleans clients of it. Ports are ArScale's own so nothing else's are taken.
/// </summary>
public static class SystemTopology
{
    public static IReadOnlyList<ServiceDefinition> Local(string environmentName) =>
    [
        Silo(1, httpPort: 5101, siloPort: 11111, gatewayPort: 30000, environmentName),
        Silo(2, httpPort: 5102, siloPort: 11112, gatewayPort: 30001, environmentName),
        Service("gateway", "Gateway", httpPort: 5100, environmentName),
        Service("notifier", "Notifier", httpPort: 5103, environmentName),
    ];

    private static ServiceDefinition Silo(int number, int httpPort, int siloPort, int gatewayPort, string environmentName) =>
        Service($"silo-{number}", "Silo", httpPort, environmentName, new Dictionary<string, string>
        {
            ["Orleans__Name"] = $"silo-{number}",
            ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static ServiceDefinition Service(string name, string project, int httpPort, string environmentName, Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>(extra ?? [])
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["OTEL_SERVICE_NAME"] = $"arscale-{name}",
        };
        return new ServiceDefinition(name, project, httpPort, environment);
    }
}
