using ArScale.Notifier.Channels;
using ArScale.Notifier.Channels.Email;
using ArScale.Notifier.Channels.Http;
using ArScale.Notifier.Log;
using ArScale.Notifier.Notices;
using ArScale.Notifier.Templates;
using ArScale.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace ArScale.Notifier.Hosting;

public static class NotifierServices
{
    /// <summary>
    /// Templates, channels, the outcome log and the delivery pipeline. The templates load here, at start-up:
    /// a broken template stops the Notifier with every problem listed, before it takes a single message.
    /// </summary>
    public static TBuilder AddNotifier<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<NotifierOptions>().Bind(configuration.GetSection(NotifierOptions.Section));
        var settings = configuration.GetSection(NotifierOptions.Section).Get<NotifierOptions>() ?? new NotifierOptions();

        var templates = TemplateCatalog.Load(Path.Combine(AppContext.BaseDirectory, settings.TemplateDirectory));
        services.AddSingleton(templates);

        services.AddSingleton(NpgsqlDataSource.Create(configuration.GetRequiredConnectionString(ConnectionNames.Postgres)));
        // The claim reads the versions the silos of this Orleans service store, to skip the validity call when nothing changed.
        services.AddSingleton(provider => new NoticeLog(
            provider.GetRequiredService<NpgsqlDataSource>(), accountServiceId: provider.GetService<IOptions<ClusterOptions>>()?.Value.ServiceId));
        services.AddSingleton<NoticeDelivery>();
        services.AddHostedService<NoticeRetryPump>();
        services.AddSingleton<NoticeMetrics>();
        services.AddSingleton<ChannelRateLimits>();
        services.AddSingleton<NoticeChannels>();
        services.TryAddTimeProvider();

        services.AddOptions<SmtpOptions>()
            .Configure(smtp => smtp.ApplyConnectionString(configuration.GetRequiredConnectionString(ConnectionNames.Smtp)))
            .Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<SmtpConnectionPool>();
        services.AddSingleton<INoticeChannel, EmailChannel>();
        AddHttpChannels(services, configuration, templates);
        return builder;
    }

    public static void AddNoticeConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<NoticeDueConsumer, NoticeConsumerDefinition<NoticeDueConsumer>>();
        bus.AddConsumer<StatementIssuedConsumer, NoticeConsumerDefinition<StatementIssuedConsumer>>();
        bus.AddConsumer<CollectorTaskCreatedConsumer, NoticeConsumerDefinition<CollectorTaskCreatedConsumer>>();
        bus.AddConsumer<LegalEscalationConsumer, NoticeConsumerDefinition<LegalEscalationConsumer>>();
    }

    private static void AddHttpChannels(IServiceCollection services, IConfiguration configuration, TemplateCatalog templates)
    {
        foreach (var section in configuration.GetSection(HttpChannelOptions.Section).GetChildren())
        {
            var name = section.Key;
            var options = section.Get<HttpChannelOptions>() ?? new HttpChannelOptions();
            if (options.Url is null)
            {
                throw new InvalidOperationException($"{HttpChannelOptions.Section}:{name}:Url is required for the '{name}' channel.");
            }

            var body = options.BodyTemplate ?? name;
            if (!templates.HasProviderBody(body))
            {
                throw new InvalidOperationException($"The '{name}' channel needs the provider template providers/{body}.liquid.");
            }

            // Not a factory client: those carry the default resilience handler, and retries belong to the notice
            // pipeline, which logs every attempt; a second retry layer here would hide them.
            services.AddSingleton<INoticeChannel>(_ => new HttpChannel(
                name, options, new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), templates));
        }
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(service => service.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
