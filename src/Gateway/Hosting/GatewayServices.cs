using ArScale.Contracts.Accounts;
using ArScale.Messaging;
using ArScale.ServiceDefaults;
using ArScale.ServiceDefaults.Orleans;
using Npgsql;

namespace ArScale.Gateway.Hosting;

public static class GatewayServices
{
    /// <summary>Everything the Gateway needs: the silo cluster, the database, the bus and its consumers, problem details.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddPostgresHealthCheck();
        builder.AddArScaleOrleansClient();
        builder.Services.AddDunningSerialization();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(builder.Configuration.GetRequiredConnectionString(ConnectionNames.Postgres)));
        builder.AddArScaleBus();
        return builder;
    }
}
