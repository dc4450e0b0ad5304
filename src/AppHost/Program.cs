using System.Runtime.InteropServices;
using ArScale.AppHost;
using ArScale.AppHost.Demo;
using ArScale.AppHost.Model;
using ArScale.AppHost.Terminal;

// The whole ArScale system on this machine, declared as an Aspire AppHost would declare it. Ctrl+C stops
// everything it started, in reverse order. `--help` lists the options.

var (options, problem) = AppHostOptions.Parse(args);
if (options is null || options.Help)
{
    (options is null ? Console.Error : Console.Out).WriteLine(problem is null ? AppHostOptions.Usage : $"{problem}\n\n{AppHostOptions.Usage}");
    return options is null ? 2 : 0;
}

var app = new DistributedApplicationBuilder(RepositoryLayout.FromBuild(), profile: "dev", ServicePorts.FromEnvironment());
var operatorKey = OperatorKey.LoadOrCreate(app.StateDirectory);
var adminPassword = AdminLogin.LoadOrCreatePassword(app.StateDirectory);

var postgres = app.AddPostgres("postgres");
var rabbitmq = app.AddRabbitMQ("rabbitmq");
var mail = app.AddSmtpSink("smtp");
var orleans = app.AddOrleans("arscale");

var migrations = app.AddProject("migrations", "Migrations")
    .RunsToCompletion()
    .WithReference(postgres)
    .WaitFor(postgres);

var silo = app.AddProject("silo", "Silo")
    .WithReplicas(options.Silos)
    .WithHttpEndpoint(app.Ports.FirstSilo)
    .AsSiloOf(orleans)
    .WithReference(postgres)
    .WithReference(rabbitmq)
    .WithEnvironment(AdminLogin.DashboardSettings(adminPassword))
    .WaitForCompletion(migrations)
    .WaitFor(rabbitmq);

var gateway = app.AddProject("gateway", "Gateway")
    .WithHttpEndpoint(app.Ports.Gateway)
    .WithReference(orleans)
    .WithReference(postgres)
    .WithReference(rabbitmq)
    .WithEnvironment(OperatorKey.GatewaySettings(operatorKey))
    .WithEnvironment(AdminLogin.ConsoleSettings(adminPassword))
    .WithEnvironment("ArScale__Console__RabbitMqManagement__Url", () => rabbitmq.Address)
    .WaitFor(silo);

var notifier = app.AddProject("notifier", "Notifier")
    .WithReplicas(options.Notifiers)
    .WithHttpEndpoint(app.Ports.FirstNotifier)
    .WithReference(orleans)
    .WithReference(postgres)
    .WithReference(rabbitmq)
    .WithReference(mail)
    .WaitFor(mail)
    .WaitFor(silo);

if (options.Demo)
{
    app.AddResource(new DemoPortfolioResource("demo", gateway, mail, operatorKey, options.DemoAccounts))
        .WaitFor(gateway)
        .WaitFor(notifier);
}

using var shutdown = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);

var whereToLook = new WhereToLook(gateway, silo, notifier, postgres, rabbitmq, mail, operatorKey, adminPassword, app.LogDirectory);
return await app.Build(TerminalOutput.ForCurrentConsole(), whereToLook.Lines).RunAsync(shutdown.Token);

// Ctrl+C, a kill or a closed terminal: stop in order rather than die and leave the services running.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    shutdown.Cancel();
}
