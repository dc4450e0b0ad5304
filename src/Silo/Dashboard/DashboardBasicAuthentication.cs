using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ArScale.Silo.Dashboard;

/// <summary>
/// HTTP Basic authentication against the one configured dashboard login. Basic because the dashboard is a
/// single page with its own JavaScript polling: the browser's login prompt covers it and every poll with
/// no changes to the dashboard. Serve it over TLS (a reverse proxy) anywhere but a developer's machine.
/// </summary>
public sealed class DashboardBasicAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    IOptionsMonitor<DashboardLoginOptions> login,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DashboardBasic";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderNames.Authorization, out var header)
            || header.ToString() is not { } value
            || !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!TryDecode(value["Basic ".Length..].Trim(), out var username, out var password))
        {
            return Task.FromResult(AuthenticateResult.Fail("The Basic credentials are not base64 'user:password'."));
        }

        var expected = login.CurrentValue;
        // Both compared whatever the first answer, so a right user name does not answer faster than a wrong one.
        var userMatches = SameText(username, expected.Username);
        var passwordMatches = expected.Password is { Length: > 0 } configured && SameText(password, configured);
        if (!(userMatches & passwordMatches))
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown dashboard user or wrong password."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, username)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Makes the browser ask for the login.
        Response.Headers.WWWAuthenticate = "Basic realm=\"ArScale Orleans Dashboard\", charset=\"UTF-8\"";
        return base.HandleChallengeAsync(properties);
    }

    private static bool TryDecode(string encoded, out string username, out string password)
    {
        username = password = "";
        Span<byte> bytes = stackalloc byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        username = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }

    /// <summary>Compares hashes in constant time, so neither the length nor the first wrong character shows in the timing.</summary>
    private static bool SameText(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
