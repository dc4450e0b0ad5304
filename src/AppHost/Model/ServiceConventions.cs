namespace ArScale.AppHost.Model;

/// <summary>
/// What every project gets, as an Aspire AppHost would set it: the environment name, its OpenTelemetry identity
/// (service name per project, instance id per replica; <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, when the AppHost has
/// it, is inherited), and one log line per entry with a timestamp, for its log file.
/// </summary>
public static class ServiceConventions
{
    public const string EnvironmentName = "Development";

    public static void Apply(ReplicaEnvironment replica)
    {
        ArgumentNullException.ThrowIfNull(replica);
        replica.Variables["ASPNETCORE_ENVIRONMENT"] = EnvironmentName;
        replica.Variables["DOTNET_ENVIRONMENT"] = EnvironmentName;
        replica.Variables["OTEL_SERVICE_NAME"] = $"arscale-{replica.ResourceName}";
        replica.Variables["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={replica.ReplicaName}";
        replica.Variables["Logging__Console__FormatterName"] = "simple";
        replica.Variables["Logging__Console__FormatterOptions__SingleLine"] = "true";
        replica.Variables["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ";
    }
}
