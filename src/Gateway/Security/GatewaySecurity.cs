using ArScale.Gateway.OperationsConsole;
using ArScale.Gateway.OperationsConsole.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace ArScale.Gateway.Security;

/// <summary>
/// The Gateway's front door: API keys with scopes for client systems, console sessions with a role's scopes for
/// people, a rate per key or person, one request body limit, and RFC 7807 answers for each refusal. Nothing is
/// anonymous unless it says so (<c>/health</c>, <c>/alive</c>, the console's sign-in page and its static files do).
/// </summary>
public static class GatewaySecurity
{
    /// <summary>The scheme every endpoint authenticates with: it hands each request to the API key or the console session handler.</summary>
    public const string Scheme = "ArScale";

    public static WebApplicationBuilder AddGatewaySecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewaySecurityOptions>().BindConfiguration(GatewaySecurityOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddHostedService<BootstrapApiKeys>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or console session", policy => policy.ForwardDefaultSelector = SchemeFor)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null)
            .AddConsoleSessions();
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build())
            .AddConsoleSessionPolicy();
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(ScopeRequirement.PolicyName(scope), policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(scope)));
        }

        services.AddCsrfProtection();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeAuthorizationResultHandler>();
        services.AddPerKeyRateLimits();
        builder.AddRequestBodyLimits();
        return builder;
    }

    /// <summary>
    /// Size check, then who is calling, then may they, then (for a console session's writes) the antiforgery token,
    /// then how often: a refused request never spends a caller's tokens.
    /// </summary>
    public static WebApplication UseGatewaySecurity(this WebApplication app)
    {
        app.UseRequestBodyLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCsrfProtection();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Machines send a key, browsers a session cookie. A key wins when both come: a client system is what it says
    /// in its headers, whatever cookies a shared HTTP client collected. Nothing at all is challenged for a key.
    /// </summary>
    private static string SchemeFor(HttpContext context) =>
        context.Request.Headers.ContainsKey(HeaderNames.Authorization) || context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
        || !ConsoleAuthentication.HasSessionCookie(context.Request)
            ? ApiKeyAuthenticationHandler.SchemeName
            : ConsoleAuthentication.CookieScheme;

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
