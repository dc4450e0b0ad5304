using ArScale.ServiceDefaults;

namespace ArScale.Gateway.Hosting;

public static class GatewayEndpoints
{
    /// <summary>The middleware and every endpoint group, in the order a request meets them.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapDefaultEndpoints();
        return app;
    }
}
