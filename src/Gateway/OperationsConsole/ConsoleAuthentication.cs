using System.Globalization;
using System.Security.Claims;
using ArScale.Gateway.OperationsConsole.SignIn;
using ArScale.Gateway.OperationsConsole.Users;
using ArScale.Gateway.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ArScale.Gateway.OperationsConsole;

/// <summary>
/// The console's session: a cookie that carries the same claims an API key does (an id to rate-limit and keep
/// idempotency keys by, a name, scopes), so every endpoint treats a signed-in person like a client system with
/// their role's scopes. The cookie is HttpOnly, SameSite=Strict and expires after <see cref="ConsoleOptions.SessionIdleTimeout"/>
/// without a request.
/// </summary>
public static class ConsoleAuthentication
{
    public const string CookieScheme = "ArScale.Console";
    public const string CookieName = "arscale-console";
    public const string SessionPolicy = "console-session";
    public const string LoginPath = "/console/login";

    public const string RoleClaim = ClaimTypes.Role;
    public const string PasswordStampClaim = "arscale:password_stamp";
    public const string CollectorClaim = "arscale:collector_id";

    /// <summary>Ids of console users never look like API key ids (lower-case hex), so rate limits and idempotency keys never mix.</summary>
    public static string IdOf(string userName) => "console:" + userName;

    public static AuthenticationBuilder AddConsoleSessions(this AuthenticationBuilder authentication)
    {
        authentication.Services.AddSingleton<ConsoleSessionEvents>();
        authentication.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<ConsoleOptions>>((cookie, console) =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = console.Value.SessionIdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = LoginPath;
            cookie.EventsType = typeof(ConsoleSessionEvents);
        });
        return authentication.AddCookie(CookieScheme);
    }

    public static AuthorizationBuilder AddConsoleSessionPolicy(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(SessionPolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());

    /// <summary>True when the request carries a console session cookie (valid or not), which is how the Gateway picks the scheme.</summary>
    public static bool HasSessionCookie(HttpRequest request) => request.Cookies.ContainsKey(CookieName);

    public static bool IsConsoleSession(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme };

    /// <summary>The principal a session carries, rebuilt from the stored user on every request so a changed role applies at once.</summary>
    public static ClaimsPrincipal PrincipalFor(ConsoleUser user, int requestsPerSecond) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, IdOf(user.Name)),
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(RoleClaim, ConsoleRoles.Name(user.Role)),
            new Claim(PasswordStampClaim, user.PasswordStamp),
            new Claim(ApiKeyAuthenticationHandler.RequestsPerSecondClaim, requestsPerSecond.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer32),
            .. user.CollectorId is { } collector ? [new Claim(CollectorClaim, collector)] : Array.Empty<Claim>(),
            .. ConsoleRoles.ScopesOf(user.Role).Select(scope => new Claim(ApiKeyAuthenticationHandler.ScopeClaim, scope)),
        ],
        CookieScheme,
        ClaimTypes.Name,
        RoleClaim));
}
