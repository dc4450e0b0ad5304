using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace ArScale.Gateway.Security;

/// <summary>The RFC 7807 answers of the Gateway's front door: 401, 403, 413 and 429.</summary>
public static class SecurityProblems
{
    public const string TypeBase = "https://arscale.example/problems/";

    public static ProblemDetails Unauthenticated(ApiKeyRejection? rejection) => new()
    {
        Status = StatusCodes.Status401Unauthorized,
        Type = TypeBase + "unauthenticated",
        Title = rejection is null ? "An API key is required." : "The API key is not accepted.",
        Detail = rejection switch
        {
            null => "Send the key as 'Authorization: ApiKey <key>' or 'X-Api-Key: <key>'.",
            ApiKeyRejection.Revoked => "The API key has been revoked.",
            ApiKeyRejection.Malformed => "The API key is not in the form ars_<id>_<secret>.",
            // Unknown id and wrong secret read the same, so a caller cannot probe which ids exist.
            _ => "The API key is unknown or wrong.",
        },
    };

    /// <param name="consoleRole">The console user's role when a signed-in person was refused; null for an API key.</param>
    public static ProblemDetails MissingScope(IReadOnlyCollection<string> scopes, string? consoleRole = null) => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Type = TypeBase + "missing-scope",
        Title = consoleRole is null ? "The API key lacks a scope this endpoint requires." : "Your console role does not allow this.",
        Detail = (scopes.Count == 0
            ? consoleRole is null ? "The API key may not call this endpoint." : "This action is not open to your role."
            : $"This endpoint requires the scope {string.Join(" and ", scopes.Select(scope => $"'{scope}'"))}.")
            + (consoleRole is null ? "" : $" Your role is '{consoleRole}'."),
        Extensions = { ["requiredScopes"] = scopes },
    };

    /// <summary>A console call without a live session (never signed in, signed out, expired, or ended by an admin).</summary>
    public static ProblemDetails SessionRequired() => new()
    {
        Status = StatusCodes.Status401Unauthorized,
        Type = TypeBase + "unauthenticated",
        Title = "Your console session has ended.",
        Detail = "Sign in again.",
    };

    /// <summary>The one answer for an unknown name, a wrong password and a disabled user alike.</summary>
    public static ProblemDetails SignInRefused() => new()
    {
        Status = StatusCodes.Status401Unauthorized,
        Type = TypeBase + "sign-in-refused",
        Title = "Sign-in failed.",
        Detail = "The user name or the password is not right.",
    };

    public static ProblemDetails SignInThrottled(int retryAfterSeconds) => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Type = TypeBase + "sign-in-throttled",
        Title = "Too many failed sign-ins.",
        Detail = $"Sign-in is paused for this name or this network; try again in {retryAfterSeconds} s.",
    };

    public static ProblemDetails CsrfTokenMissing(string header) => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Type = TypeBase + "csrf-token-missing",
        Title = "The request lacks the console's antiforgery token.",
        Detail = $"Changes made with a console session must send the token from GET /console/session in the '{header}' header.",
    };

    public static ProblemDetails RateLimited(string keyId, int requestsPerSecond, int retryAfterSeconds) => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Type = TypeBase + "rate-limited",
        Title = "Too many requests for this API key.",
        Detail = $"API key {keyId} may send {requestsPerSecond} requests per second; retry after {retryAfterSeconds} s.",
    };

    public static ProblemDetails RequestTooLarge(long? limit) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Type = TypeBase + "request-too-large",
        Title = "The request body is too large.",
        Detail = limit is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"A request body may be at most {bytes:N0} bytes.") : null,
    };

    /// <summary>Writes the problem whatever the request's Accept header says: a client that asked for HTML still gets JSON it can log.</summary>
    public static Task WriteAsync(HttpContext context, ProblemDetails problem) => TypedResults.Problem(problem).ExecuteAsync(context);
}
