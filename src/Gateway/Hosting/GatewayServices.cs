using ArScale.Contracts.Accounts;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Billing.Idempotency;
using ArScale.Gateway.Ingest;
using ArScale.Gateway.OperationsConsole;
using ArScale.Gateway.Projections;
using ArScale.Gateway.Reports;
using ArScale.Gateway.Security;
using ArScale.Gateway.SystemStatus;
using ArScale.Gateway.Telemetry;
using ArScale.Messaging;
using ArScale.ServiceDefaults;
using ArScale.ServiceDefaults.Orleans;
using MassTransit;
using Npgsql;

namespace ArScale.Gateway.Hosting;

public static class GatewayServices
{
    /// <summary>Everything the Gateway needs: the silo cluster, the database, the bus and its consumers, problem details, OpenAPI, API-key and console security, the operations console.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddPostgresHealthCheck();
        builder.AddGatewaySecurity();
        builder.AddArScaleOrleansClient();
        builder.Services.AddDunningSerialization();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(builder.Configuration.GetRequiredConnectionString(ConnectionNames.Postgres)));
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddSingleton<AccountWrites>();
        builder.Services.AddSingleton<SingleWrite>();
        builder.Services.AddSingleton<BatchEndpoint>();
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section);
        builder.Services.AddSingleton<IdempotentRequests>();
        builder.Services.AddHostedService<IdempotentRequestPruning>();
        builder.Services.AddSingleton<SalesLedger>();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<PortfolioReports>();
        builder.Services.AddSingleton<AccountSearch>();
        builder.Services.AddSingleton<NoticeLogReports>();
        builder.Services.AddSingleton<SentContacts>();
        builder.Services.AddSingleton<Notices.FailedNotices>();
        builder.Services.AddSingleton<ClusterStatus>();
        builder.Services.AddHttpClient<RabbitMqQueues>();
        builder.AddOperationsConsole();

        builder.AddArScaleBus(bus =>
        {
            bus.AddBillingIngest();
            bus.AddConsumer<AccountSummaryProjection, AccountSummaryProjectionDefinition>();
            bus.AddConsumer<CollectorTaskProjection, CollectorTaskProjectionDefinition>();
        });
        builder.AddGatewayOpenApi();
        return builder;
    }
}
