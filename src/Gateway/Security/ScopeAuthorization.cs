using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ArScale.Gateway.Security;

/// <summary>The caller (an API key, or a console user through their role) holds <see cref="Scope"/> (or <see cref="Scopes.Admin"/>).</summary>
public sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    public static string PolicyName(string scope) => $"scope:{scope}";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var held = context.User.FindAll(ApiKeyAuthenticationHandler.ScopeClaim).Select(claim => claim.Value);
        if (Scopes.Grants(held, requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public override string ToString() => $"scope '{Scope}'";
}

/// <summary>
/// Hands the scopes a request lacked to the handler that authenticated it (API key or console session), so its 403 can name them; everything else is the default behaviour.
/// </summary>
public sealed class ScopeAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            return fallback.HandleAsync(next, context, policy, authorizeResult);
        }

        var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Select(requirement => requirement.Scope).ToList() ?? [];
        var properties = new AuthenticationProperties();
        properties.SetParameter<IReadOnlyCollection<string>>(ApiKeyAuthenticationHandler.MissingScopesItem, missing);
        var scheme = OperationsConsole.ConsoleAuthentication.IsConsoleSession(context.User)
            ? OperationsConsole.ConsoleAuthentication.CookieScheme
            : ApiKeyAuthenticationHandler.SchemeName;
        return context.ForbidAsync(scheme, properties);
    }
}
