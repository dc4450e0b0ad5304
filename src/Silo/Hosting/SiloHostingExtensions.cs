using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ArScale.Silo.Status;
using Orleans.Configuration;

namespace ArScale.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Hosts the Orleans silo. Clustering, grain storage and reminders are bound from the <c>Orleans</c>
    /// configuration section (ADO.NET on the <c>postgres</c> connection), the same keys an Aspire AppHost sets.
    /// The silo reports its activations and outbox depth to <c>silo_status</c> for the operations console.
    /// </summary>
    public static TBuilder AddArScaleSilo<TBuilder>(this TBuilder builder, Action<ISiloBuilder>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        builder.UseOrleans(silo =>
        {
            silo.AddActivityPropagation();
            silo.Services.Configure<ReminderOptions>(builder.Configuration.GetSection("ArScale:Reminders"));
            silo.Services.AddAccountGrains(builder.Configuration);
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
