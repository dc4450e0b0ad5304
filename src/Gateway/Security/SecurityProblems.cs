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

    public static ProblemDetails MissingScope(IReadOnlyCollection<string> scopes) => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Type = TypeBase + "missing-scope",
        Title = "The API key lacks a scope this endpoint requires.",
        Detail = scopes.Count == 0
            ? "The API key may not call this endpoint."
            : $"This endpoint requires the scope {string.Join(" and ", scopes.Select(scope => $"'{scope}'"))}.",
        Extensions = { ["requiredScopes"] = scopes },
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
