using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArScale.Gateway.Security;

/// <summary>
/// The Gateway's front door: API keys with scopes, a rate per key, one request body limit, and RFC 7807 answers
/// for each refusal. Nothing is anonymous unless it says so (<c>/health</c> and <c>/alive</c> do).
/// </summary>
public static class GatewaySecurity
{
    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewaySecurityOptions>().BindConfiguration(GatewaySecurityOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddHostedService<BootstrapApiKeys>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(ScopeRequirement.PolicyName(scope), policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(scope)));
        }

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeAuthorizationResultHandler>();
        services.AddPerKeyRateLimits();
        builder.AddRequestBodyLimits();
        return builder;
    }

    /// <summary>Size check, then who is calling, then may they, then how often: a refused request never spends a caller's tokens.</summary>
    public static WebApplication UseGatewaySecurity(this WebApplication app)
    {
        app.UseRequestBodyLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// The endpoint (or every endpoint of the group) needs an API key holding <paramref name="scope"/>: 401 without
    /// a valid key, 403 naming the scope without it. Every keyed request counts against its key's rate limit.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!Scopes.IsKnown(scope))
        {
            throw new ArgumentException($"'{scope}' is not a scope; known: {string.Join(", ", Scopes.All)}.", nameof(scope));
        }

        return builder.RequireAuthorization(ScopeRequirement.PolicyName(scope));
    }

    /// <summary>
    /// Runs <c>api-keys …</c> from the command line instead of the web server. True when the arguments were such a
    /// command (the process exit code is set); false when the Gateway should start as usual.
    /// </summary>
    public static async Task<bool> RunApiKeyCommandAsync(this WebApplication app, string[] args)
    {
        if (!ApiKeyCommand.Handles(args))
        {
            return false;
        }

        var command = new ApiKeyCommand(app.Services.GetRequiredService<ApiKeyStore>(), Console.Out, Console.Error);
        Environment.ExitCode = await command.RunAsync(args, app.Lifetime.ApplicationStopping);
        return true;
    }
}
