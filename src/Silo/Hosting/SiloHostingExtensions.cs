using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ArScale.Silo.Status;
using Orleans.Configuration;

namespace ArScale.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Hosts the Orleans silo. Clustering is bound from the <c>Orleans</c> configuration section (ADO.NET on the
    /// <c>postgres</c> connection), the same keys an Aspire AppHost sets; account state and reminders are ArScale's own
    /// batched stores on the same connection (<see cref="AccountServices"/>).
    /// The silo reports its activations and outbox depth to <c>silo_status</c> for the operations console.
    /// </summary>
    public static TBuilder AddArScaleSilo<TBuilder>(this TBuilder builder, Action<ISiloBuilder>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        builder.UseOrleans(silo =>
        {
            silo.AddActivityPropagation();
            silo.Services.Configure<ReminderOptions>(builder.Configuration.GetSection("ArScale:Reminders"));
            // Calls made inside the silo, reminder ticks above all, wait on the silo's own queues rather than on a lost
            // peer (a dead silo's calls fail as soon as membership declares it). A tick not answered within the response
            // timeout is counted as failed and comes back a whole reminder period later, so the timeout must outlast
            // the queue of a storm's activations (appsettings: ArScale:Messaging:ResponseTimeout).
            silo.Services.Configure<SiloMessagingOptions>(builder.Configuration.GetSection("ArScale:Messaging"));
            // Orleans cancels an activation (and abandons a deactivation) that takes longer than these, 30 s by default;
            // behind the account storage's gate a storm's activations wait their turn longer than that, and a cancelled
            // activation fails its tick just as a timed-out one does (appsettings: ArScale:GrainCollection).
            silo.Services.Configure<GrainCollectionOptions>(builder.Configuration.GetSection("ArScale:GrainCollection"));
            silo.Services.AddAccountGrains(builder.Configuration);
            silo.Services.AddAccountStateStore(builder.Configuration);
            silo.AddBatchedReminders(builder.Configuration);
            configure?.Invoke(silo);
        });

        builder.Services.AddHealthChecks().AddCheck<SiloMembershipHealthCheck>("orleans-silo", tags: ["ready"]);
        builder.Services.AddOptions<SiloStatusOptions>().Bind(builder.Configuration.GetSection("ArScale:SiloStatus"));
        builder.Services.AddHostedService<SiloStatusReporter>();
        return builder;
    }

    /// <summary>What the silo consumes from the bus: the Notifier's outcomes, recorded in each account's contact history.</summary>
    public static void AddSiloConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<Notices.NoticeOutcomeConsumer, Notices.NoticeOutcomeConsumerDefinition>();
}
