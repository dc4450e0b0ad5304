namespace ArScale.AppHost;

/// <summary>
/// The services of one local system, in start order: two silos forming one cluster, then the gateway and
/// the notifier, which are Orleans clients of it. Ports are ArScale's own so nothing else's are taken;
/// <c>ARSCALE_HTTP_PORT_BASE</c> and <c>ARSCALE_ORLEANS_PORT_BASE</c> move them (a second copy of the system).
/// </summary>
public static class SystemTopology
{
    public static IReadOnlyList<ServiceDefinition> Local(string environmentName)
    {
        var http = PortBase("ARSCALE_HTTP_PORT_BASE", 5100);
        var orleans = PortBase("ARSCALE_ORLEANS_PORT_BASE", 11111);
        return
        [
            Silo(1, httpPort: http + 1, siloPort: orleans, gatewayPort: orleans + 100, environmentName),
            Silo(2, httpPort: http + 2, siloPort: orleans + 1, gatewayPort: orleans + 101, environmentName),
            Service("gateway", "Gateway", httpPort: http, environmentName),
            Service("notifier", "Notifier", httpPort: http + 3, environmentName),
        ];
    }

    private static int PortBase(string variable, int fallback) =>
        int.TryParse(System.Environment.GetEnvironmentVariable(variable), out var value) && value is > 1024 and < 65000 ? value : fallback;

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
