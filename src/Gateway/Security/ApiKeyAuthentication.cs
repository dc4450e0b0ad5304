using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ArScale.Gateway.Security;

/// <summary>
/// Authenticates a request by its API key, sent as <c>Authorization: ApiKey &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.
/// The principal carries the key id (<see cref="ClaimTypes.NameIdentifier"/>, what idempotency and rate limits are
/// kept per), its name, one <see cref="ScopeClaim"/> per scope and its rate.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    IOptionsMonitor<GatewaySecurityOptions> securityOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ScopeClaim = "scope";
    public const string RequestsPerSecondClaim = "arscale:requests_per_second";

    /// <summary>Carries the scopes a failed authorization lacked from the authorization step to <see cref="HandleForbiddenAsync"/>.</summary>
    public const string MissingScopesItem = "arscale:missing_scopes";

    private const string RejectionItem = "arscale:rejection";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey() is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        var check = await verifier.VerifyAsync(presented, Context.RequestAborted);
        if (check.Key is not { } key)
        {
            var rejection = check.Rejection!.Value;
            return AuthenticateResult.Fail(
                $"API key {check.KeyId ?? "(malformed)"} refused: {rejection}",
                new AuthenticationProperties(new Dictionary<string, string?> { [RejectionItem] = rejection.ToString() }));
        }

        var requestsPerSecond = key.RequestsPerSecond ?? securityOptions.CurrentValue.DefaultRequestsPerSecond;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, key.Id),
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(RequestsPerSecondClaim, requestsPerSecond.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer32),
                .. key.Scopes.Select(scope => new Claim(ScopeClaim, scope)),
            ],
            SchemeName,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        ApiKeyRejection? rejection = result.Properties?.Items.TryGetValue(RejectionItem, out var item) is true && Enum.TryParse<ApiKeyRejection>(item, out var parsed)
            ? parsed
            : null;
        Response.Headers.WWWAuthenticate = SchemeName;
        await SecurityProblems.WriteAsync(Context, SecurityProblems.Unauthenticated(rejection));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var missing = properties.GetParameter<IReadOnlyCollection<string>>(MissingScopesItem) ?? [];
        return SecurityProblems.WriteAsync(Context, SecurityProblems.MissingScope(missing));
    }

    private string? PresentedKey()
    {
        foreach (var authorization in Request.Headers.Authorization)
        {
            if (authorization is { Length: > 0 } value && value.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
            {
                return value[(SchemeName.Length + 1)..].Trim();
            }
        }

        return Request.Headers[HeaderName].FirstOrDefault() is { Length: > 0 } header ? header.Trim() : null;
    }
}
