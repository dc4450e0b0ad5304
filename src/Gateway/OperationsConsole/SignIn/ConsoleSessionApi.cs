using System.Globalization;
using System.Security.Claims;
using ArScale.Gateway.Billing;
using ArScale.Gateway.OperationsConsole.Users;
using ArScale.Gateway.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ArScale.Gateway.OperationsConsole.SignIn;

/// <summary>
/// <c>POST /console/session</c> signs in, <c>GET</c> says who is signed in (with the antiforgery token the page
/// sends with every write), <c>DELETE</c> signs out.
/// </summary>
public static class ConsoleSessionApi
{
    public const string Path = "/console/session";

    public static IEndpointRouteBuilder MapConsoleSessionApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup(Path).WithTags("Console").ExcludeFromDescription();

        session.MapPost("", async (HttpContext context, ConsoleSignIn signIn, IOptions<ConsoleOptions> options) =>
            {
                var (request, problem) = await JsonBody.ReadAsync<SignInRequest>(context.Request);
                if (problem is not null)
                {
                    return problem;
                }

                var outcome = await signIn.SignInAsync(request!.Name, request.Password, context.Connection.RemoteIpAddress, context.RequestAborted);
                switch (outcome)
                {
                    case SignInOutcome.SignedIn signedIn:
                        await context.SignInAsync(
                            ConsoleAuthentication.CookieScheme,
                            ConsoleAuthentication.PrincipalFor(signedIn.User, options.Value.RequestsPerSecond),
                            new AuthenticationProperties { IsPersistent = false });
                        return Results.NoContent();
                    case SignInOutcome.Throttled throttled:
                        var seconds = Math.Max(1, (int)Math.Ceiling(throttled.RetryAfter.TotalSeconds));
                        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                        return TypedResults.Problem(SecurityProblems.SignInThrottled(seconds));
                    default:
                        return TypedResults.Problem(SecurityProblems.SignInRefused());
                }
            })
            .AllowAnonymous();

        session.MapGet("", (HttpContext context, IAntiforgery antiforgery, IOptions<ConsoleOptions> options) =>
            {
                var user = context.User;
                var tokens = antiforgery.GetAndStoreTokens(context);
                return TypedResults.Ok(new ConsoleSession(
                    user.Identity!.Name!,
                    user.FindFirstValue(ConsoleAuthentication.RoleClaim)!,
                    [.. user.FindAll(ApiKeyAuthenticationHandler.ScopeClaim).Select(claim => claim.Value)],
                    user.FindFirstValue(ConsoleAuthentication.CollectorClaim),
                    tokens.RequestToken!,
                    CsrfProtection.HeaderName,
                    (int)options.Value.SessionIdleTimeout.TotalSeconds));
            })
            .RequireAuthorization(ConsoleAuthentication.SessionPolicy);

        session.MapDelete("", async (HttpContext context) =>
            {
                await context.SignOutAsync(ConsoleAuthentication.CookieScheme);
                return Results.NoContent();
            })
            .RequireAuthorization(ConsoleAuthentication.SessionPolicy);

        return app;
    }
}

public sealed record SignInRequest(string Name, string Password);

/// <summary>Who is signed in, what their role lets them do, and the token their writes must carry.</summary>
public sealed record ConsoleSession(
    string Name, string Role, IReadOnlyList<string> Scopes, string? CollectorId, string CsrfToken, string CsrfHeader, int IdleTimeoutSeconds);
