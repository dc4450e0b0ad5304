using ArScale.Gateway.Apis;
using ArScale.Gateway.OperationsConsole;
using ArScale.Gateway.Security;
using ArScale.ServiceDefaults;

namespace ArScale.Gateway.Hosting;

public static class GatewayEndpoints
{
    /// <summary>The middleware and every endpoint group, in the order a request meets them.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConsoleAssets();
        app.UseGatewaySecurity();
        app.MapDefaultEndpoints();
        app.MapGatewayOpenApi();

        app.MapGroup("/api/v1")
            .MapAccountsApi()
            .MapInvoicesApi()
            .MapCollectionsApi()
            .MapReportsApi()
            .MapNoticesApi()
            .MapSystemApi();
        app.MapApiKeysApi();
        app.MapOperationsConsole();
        return app;
    }
}
