using ArScale.AppHost.Model;
using ArScale.AppHost.Orchestration;
using ArScale.AppHost.Terminal;

namespace ArScale.AppHost.Tests.Model;

/// <summary>What Program.cs declares becomes the processes, ports and settings an Aspire AppHost would give them.</summary>
public sealed class ResourceModelTests
{
    private static readonly RepositoryLayout Layout = new("/repo", "Debug", "net10.0");
    private static readonly ServicePorts Ports = new(HttpBase: 6100, OrleansBase: 21000);

    [Fact]
    public void Replicas_are_numbered_and_each_listens_on_the_port_after_the_previous_one()
    {
        var app = new DistributedApplicationBuilder(Layout, "dev", Ports);

        var silo = app.AddProject("silo", "Silo").WithReplicas(3).WithHttpEndpoint(Ports.FirstSilo);
        var gateway = app.AddProject("gateway", "Gateway").WithHttpEndpoint(Ports.Gateway);

        Assert.Equal(["silo-1", "silo-2", "silo-3"], silo.Statuses.Select(status => status.Name));
        Assert.Equal(["http://127.0.0.1:6101", "http://127.0.0.1:6102", "http://127.0.0.1:6103"], silo.Replicas.Select(replica => replica.BaseUrl));
        Assert.Equal("gateway", Assert.Single(gateway.Statuses).Name);
        Assert.Equal("http://127.0.0.1:6100", gateway.BaseUrl);
    }

    [Fact]
    public void Silos_get_the_cluster_their_name_and_their_own_ports_clients_only_the_cluster()
    {
        var orleans = new OrleansCluster("arscale", Ports.FirstSiloPort, Ports.FirstSiloGatewayPort);
        var second = new ReplicaEnvironment("silo", "silo-2", 2, 6102);
        var client = new ReplicaEnvironment("notifier", "notifier-1", 1, 6111);

        orleans.Silo(second);
        orleans.Client(client);

        Assert.Equal("silo-2", second.Variables["Orleans__Name"]);
        Assert.Equal("21001", second.Variables["Orleans__Endpoints__SiloPort"]);
        Assert.Equal("21101", second.Variables["Orleans__Endpoints__GatewayPort"]);
        Assert.Equal("arscale", second.Variables["Orleans__ClusterId"]);
        Assert.Equal(new Dictionary<string, string> { ["Orleans__ClusterId"] = "arscale", ["Orleans__ServiceId"] = "arscale" }, client.Variables);
    }

    [Fact]
    public void Every_project_gets_the_aspire_conventions_environment_name_and_telemetry_identity()
    {
        var replica = new ReplicaEnvironment("notifier", "notifier-2", 2, 6112);

        ServiceConventions.Apply(replica);

        Assert.Equal("Development", replica.Variables["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("arscale-notifier", replica.Variables["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=notifier-2", replica.Variables["OTEL_RESOURCE_ATTRIBUTES"]);
    }

    [Fact]
    public void The_system_stops_in_reverse_of_what_waits_for_what()
    {
        var app = new DistributedApplicationBuilder(Layout, "dev", Ports);
        var postgres = app.AddPostgres("postgres");
        var rabbitmq = app.AddRabbitMQ("rabbitmq");
        var migrations = app.AddProject("migrations", "Migrations").RunsToCompletion().WaitFor(postgres);
        var silo = app.AddProject("silo", "Silo").WaitForCompletion(migrations).WaitFor(rabbitmq);
        var gateway = app.AddProject("gateway", "Gateway").WaitFor(silo);
        var notifier = app.AddProject("notifier", "Notifier").WaitFor(silo);

        var levels = app.Build(new TerminalOutput(live: false), () => []).StopLevels().Select(level => string.Join(" ", level.Select(resource => resource.Name).Order())).ToList();

        Assert.Equal(["gateway notifier", "silo", "migrations", "postgres rabbitmq"], levels);
    }

    [Fact]
    public void Two_resources_cannot_share_a_name()
    {
        var app = new DistributedApplicationBuilder(Layout, "dev", Ports);
        app.AddProject("gateway", "Gateway");

        Assert.Throws<InvalidOperationException>(() => app.AddProject("gateway", "Gateway"));
    }

    [Fact]
    public void The_export_lines_of_infra_sh_become_settings_with_their_quotes_undone()
    {
        var settings = LocalInfrastructure.ParseExports("""
            export ConnectionStrings__postgres='Host=127.0.0.1;Port=25432;Username=postgres'
            export ARSCALE_NOTE='it'\''s here'
            unset ARSCALE_MAIL_WEB_URL
            """);

        Assert.Equal("Host=127.0.0.1;Port=25432;Username=postgres", settings["ConnectionStrings__postgres"]);
        Assert.Equal("it's here", settings["ARSCALE_NOTE"]);
        Assert.Equal(2, settings.Count);
    }
}
