using ArScale.Contracts.Accounts;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Ingest;
using ArScale.Gateway.Projections;
using ArScale.Gateway.Reports;
using ArScale.Gateway.Security;
using ArScale.Messaging;
using ArScale.ServiceDefaults;
using ArScale.ServiceDefaults.Orleans;
using MassTransit;
using Npgsql;

namespace ArScale.Gateway.Hosting;

public static class GatewayServices
{
    /// <summary>Everything the Gateway needs: the silo cluster, the database, the bus and its consumers, problem details, OpenAPI, API-key security.</summary>
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
        builder.Services.AddSingleton<IdempotentRequests>();
        builder.Services.AddSingleton<SalesLedger>();
        builder.Services.AddSingleton<PortfolioReports>();

        builder.AddArScaleBus(bus =>
        {
            bus.AddBillingIngest();
            bus.AddConsumer<AccountSummaryProjection, AccountSummaryProjectionDefinition>();
            bus.AddConsumer<CollectorTaskProjection>();
        });
        builder.AddGatewayOpenApi();
        return builder;
    }
}
