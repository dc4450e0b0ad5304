using ArScale.Load.Baseline.Invoices;
using ArScale.Load.Baseline.Reminders;
using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;

namespace ArScale.Load.Baseline.Hosting;

public static class BaselineServices
{
    /// <summary>The invoices table on <c>ConnectionStrings:postgres</c>, created at start if missing.</summary>
    public static WebApplicationBuilder AddInvoiceStore(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:postgres is not set");
        builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<InvoiceStore>();
        builder.Services.AddHostedService<InvoiceSchema>();
        return builder;
    }

    /// <summary>Hangfire on PostgreSQL (its own schema in the same database), a server in this process, and the reminder job.</summary>
    public static WebApplicationBuilder AddReminderJobs(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("postgres")!;
        var options = builder.Configuration.GetSection("Baseline").Get<BaselineOptions>() ?? new BaselineOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions { QueuePollInterval = options.QueuePollInterval }));
        builder.Services.AddHangfireServer(server =>
        {
            server.SchedulePollingInterval = options.SchedulePollingInterval;
            if (options.WorkerCount is { } workers)
            {
                server.WorkerCount = workers;
            }
        });

        builder.Services.AddSingleton(ReminderTemplate.Load(options.TemplateFile));
        builder.Services.AddSingleton(new ReminderMailer(SmtpAddress(builder.Configuration), options));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTransient<DueReminderJob>();
        return builder;
    }

    private static Uri SmtpAddress(IConfiguration configuration) =>
        configuration.GetConnectionString("smtp") is { Length: > 0 } smtp
            ? new Uri(smtp)
            : throw new InvalidOperationException("ConnectionStrings:smtp is not set (smtp://host:port)");
}
