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
            server.WorkerCount = options.EffectiveWorkerCount();
        });

        builder.Services.AddSingleton(ReminderTemplate.Load(options.TemplateFile));
        var smtp = SmtpEndpoint.Parse(builder.Configuration.GetConnectionString("smtp") is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("ConnectionStrings:smtp is not set (smtp://host:port)"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IReminderMailer>(services => options.Mailer switch
        {
            ReminderMailerKind.Naive => new ConnectionPerMessageMailer(smtp),
            ReminderMailerKind.Pooled => new PooledSmtpMailer(
                smtp, options.PoolSize, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<PooledSmtpMailer>>()),
            _ => throw new InvalidOperationException($"Baseline:Mailer must be Naive or Pooled, not {options.Mailer}"),
        });
        builder.Services.AddTransient<DueReminderJob>();
        return builder;
    }

    /// <summary>Hangfire's worker count: the configured one, or its own default (<c>BackgroundJobServerOptions</c>).</summary>
    public static int EffectiveWorkerCount(this BaselineOptions options) =>
        options.WorkerCount ?? Math.Min(Environment.ProcessorCount * 5, 20);
}
