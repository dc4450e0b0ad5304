using static ArScale.Load.Infrastructure.RunProgress;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// The ArScale system one run measures, on the load profile: a fresh database (migrated), a fresh virtual host and
/// its own cluster id, so runs never see each other's accounts, queues or silos. Disposing stops the services it
/// started and, unless the data is to be kept, drops the database and the virtual host.
/// </summary>
public sealed class RunSystem : IAsyncDisposable
{
    private readonly RabbitManagement rabbit;
    private readonly ServiceProcesses processes;
    private readonly bool keepData;
    private readonly List<ServiceProcess> started = [];

    private RunSystem(LoadInfra infra, ServiceProcesses processes, RabbitManagement rabbit, LoadDatabase database, string virtualHost, SystemSettings settings, string runId, bool keepData)
    {
        this.rabbit = rabbit;
        this.processes = processes;
        this.keepData = keepData;
        Database = database;
        VirtualHost = virtualHost;
        Settings = settings;
        Services = new ArScaleServices(processes, infra.Layout, settings, infra.Layout.RawDirectory(runId));
    }

    public LoadDatabase Database { get; }

    public string VirtualHost { get; }

    public SystemSettings Settings { get; }

    public ArScaleServices Services { get; }

    public RabbitManagement Rabbit => rabbit;

    /// <summary>The services started through <see cref="StartAsync"/>, oldest first.</summary>
    public IReadOnlyList<ServiceProcess> Started
    {
        get
        {
            lock (started)
            {
                return [.. started];
            }
        }
    }

    /// <param name="smtp">The SMTP server the services send to; the load profile's aiosmtpd when not given.</param>
    public static async Task<RunSystem> CreateAsync(
        LoadInfra infra, ServiceProcesses processes, string runId, bool keepData, CancellationToken cancellationToken, Uri? smtp = null)
    {
        var virtualHost = $"arscale-load-{runId}";
        var databaseName = $"arscale_load_{runId.Replace('-', '_')}";
        var rabbit = new RabbitManagement(infra.RabbitManagement, infra.RabbitMq);
        LoadDatabase? database = null;
        try
        {
            database = await Step("database", $"{databaseName}, migrated", () => LoadDatabase.CreateAsync(infra.Postgres, databaseName, cancellationToken));
            var amqp = await Step("virtual host", virtualHost, () => rabbit.CreateVirtualHostAsync(virtualHost, cancellationToken));
            var settings = new SystemSettings(database.ConnectionString, amqp, (smtp ?? infra.Smtp).ToString(), $"load-{runId}");
            return new RunSystem(infra, processes, rabbit, database, virtualHost, settings, runId, keepData);
        }
        catch
        {
            if (database is not null && !keepData)
            {
                await database.DropAsync();
            }

            rabbit.Dispose();
            throw;
        }
    }

    /// <summary>Starts a service (as a set-up step on the console) and keeps it, to be stopped on disposal.</summary>
    public async Task<ServiceProcess> StartAsync(string name, string done, Func<ArScaleServices, Task<ServiceProcess>> start)
    {
        var service = await Step(name, done, () => start(Services));
        lock (started)
        {
            started.Add(service);
        }

        return service;
    }

    /// <summary>Starts a service while the console shows a live display (a storm's progress): no set-up step of its own.</summary>
    public async Task<ServiceProcess> StartDuringRunAsync(Func<ArScaleServices, Task<ServiceProcess>> start)
    {
        var service = await start(Services);
        lock (started)
        {
            started.Add(service);
        }

        return service;
    }

    /// <summary>Starts several services together (as a set-up step on the console) and keeps them, to be stopped on disposal.</summary>
    public async Task<IReadOnlyList<ServiceProcess>> StartAllAsync(string name, string done, Func<ArScaleServices, Task<IReadOnlyList<ServiceProcess>>> start)
    {
        var services = await Step(name, done, () => start(Services));
        lock (started)
        {
            started.AddRange(services);
        }

        return services;
    }

    /// <summary>
    /// Kills a started service outright (a fault), and stops counting it among the services whose death fails a run.
    /// </summary>
    public async Task KillAsync(ServiceProcess service)
    {
        lock (started)
        {
            started.Remove(service);
        }

        await service.KillAsync();
        await processes.StopAsync([service]);
    }

    /// <summary>The first started service that has died, if any, for a run to fail with its log's last lines.</summary>
    public ServiceProcess? Dead => Started.FirstOrDefault(service => service.HasExited);

    public async ValueTask DisposeAsync()
    {
        await processes.StopAsync(Started);
        if (!keepData)
        {
            await Database.DropAsync();
            await rabbit.DeleteVirtualHostAsync(VirtualHost);
        }

        rabbit.Dispose();
    }
}
