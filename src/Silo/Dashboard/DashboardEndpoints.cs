using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Orleans.Dashboard;

namespace ArScale.Silo.Dashboard;

/// <summary>The Orleans Dashboard at <c>/dashboard</c>, behind the <c>ArScale:Dashboard</c> login.</summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";
    private const string PolicyName = "dashboard";

    public static WebApplicationBuilder AddProtectedDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardLoginOptions>().BindConfiguration(DashboardLoginOptions.Section);
        builder.Services.AddAuthentication(DashboardBasicAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, DashboardBasicAuthentication>(DashboardBasicAuthentication.SchemeName, configureOptions: null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(DashboardBasicAuthentication.SchemeName)
            .RequireAuthenticatedUser());
        return builder;
    }

    public static WebApplication MapProtectedDashboard(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DashboardLoginOptions>>().Value.Password is not { Length: > 0 })
        {
            app.Logger.LogWarning("No dashboard password is configured ({Section}:Password): {Path} refuses every request", DashboardLoginOptions.Section, Path);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOrleansDashboard(Path).RequireAuthorization(PolicyName);
        return app;
    }
}
