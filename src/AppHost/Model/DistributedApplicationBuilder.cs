using ArScale.AppHost.Orchestration;
using ArScale.AppHost.Terminal;

namespace ArScale.AppHost.Model;

/// <summary>
/// Declares the resources of the local system in Aspire's shape (<c>AddPostgres</c>, <c>AddProject</c>,
/// <c>WithReference</c>, <c>WaitFor</c>, <c>WithReplicas</c>), so Program.cs reads as the system's map and the
/// services get their settings the way an Aspire AppHost would hand them out. Aspire itself is not available
/// from this package registry; this is ArScale's own small version of that model.
/// </summary>
public sealed class DistributedApplicationBuilder(RepositoryLayout layout, string profile, ServicePorts ports)
{
    private readonly List<Resource> resources = [];
    private readonly LocalInfrastructure infrastructure = new(layout, profile);

    public RepositoryLayout Layout => layout;

    public string Profile => profile;

    public ServicePorts Ports => ports;

    /// <summary>The profile's state folder: data, logs, and the local credentials.</summary>
    public string StateDirectory => layout.StateDirectory(profile);

    public string LogDirectory => Path.Combine(StateDirectory, "logs");

    public IReadOnlyList<Resource> Resources => resources;

    public InfrastructureResource AddPostgres(string name) => AddResource(new InfrastructureResource(
        name, infrastructure, "ConnectionStrings__postgres",
        settings => HostAndPort(settings.GetValueOrDefault("ConnectionStrings__postgres")), _ => "postgres"));

    /// <summary>RabbitMQ; its address is the management UI.</summary>
    public InfrastructureResource AddRabbitMQ(string name) => AddResource(new InfrastructureResource(
        name, infrastructure, "ConnectionStrings__rabbitmq",
        settings => settings.GetValueOrDefault("ARSCALE_RABBIT_MANAGEMENT_URL"), _ => "rabbitmq"));

    /// <summary>The SMTP sink: maildev (with a web viewer of every mail sent, its address) or aiosmtpd (a Maildir).</summary>
    public InfrastructureResource AddSmtpSink(string name) => AddResource(new InfrastructureResource(
        name, infrastructure, "ConnectionStrings__smtp",
        settings => settings.GetValueOrDefault("ARSCALE_MAIL_WEB_URL") ?? settings.GetValueOrDefault("ConnectionStrings__smtp"),
        settings => settings.GetValueOrDefault("ARSCALE_SMTP_SINK", "aiosmtpd")));

    public OrleansCluster AddOrleans(string clusterId) => new(clusterId, ports.FirstSiloPort, ports.FirstSiloGatewayPort);

    /// <summary>A project under <c>src/&lt;project&gt;</c>, run from its build output, in the Development environment.</summary>
    public ProjectResource AddProject(string name, string project) => AddResource(new ProjectResource(name, project, layout))
        .WithEnvironment(ServiceConventions.Apply);

    public TResource AddResource<TResource>(TResource resource)
        where TResource : Resource
    {
        if (resources.Exists(existing => existing.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named {resource.Name} is already declared.");
        }

        resources.Add(resource);
        return resource;
    }

    public DistributedApplication Build(TerminalOutput output, Func<IEnumerable<string>> whereToLook) =>
        new(resources, layout, profile, output, whereToLook);

    private static string? HostAndPort(string? connectionString)
    {
        if (connectionString is null)
        {
            return null;
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return $"{parts.GetValueOrDefault("Host", "localhost")}:{parts.GetValueOrDefault("Port", "5432")}";
    }
}
