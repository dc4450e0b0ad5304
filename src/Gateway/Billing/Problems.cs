using ArScale.Dunning;

namespace ArScale.Gateway.Billing;

/// <summary>RFC 7807 answers that name the field at fault, in one place so every endpoint says it the same way.</summary>
public static class Problems
{
    public static IResult Invalid(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = "The request is not valid.",
            Detail = $"{field}: {message}",
            Type = "https://arscale.example/problems/invalid-request",
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } },
        });

    /// <summary>409: another request with this <c>Idempotency-Key</c> is executing; its answer will be replayed to a retry.</summary>
    public static IResult IdempotencyKeyInFlight() =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "A request with this Idempotency-Key is still in flight.",
            Detail = $"{Idempotency.IdempotentRequests.Header}: retry in a moment to get its answer",
            Type = "https://arscale.example/problems/idempotency-key-in-flight",
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [Idempotency.IdempotentRequests.Header] = ["a request with this key is still in flight"] } },
        });

    public static IResult From(WriteOutcome outcome) => outcome.Status switch
    {
        WriteStatus.UnknownAccount => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound, title: "The account is unknown.", detail: outcome.Message,
            type: "https://arscale.example/problems/unknown-account"),
        WriteStatus.Conflict => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: "The id was already used for different content; nothing changed.", detail: outcome.Message,
            type: "https://arscale.example/problems/id-conflict"),
        _ => Invalid(outcome.Field ?? "body", outcome.Message ?? "is not valid"),
    };
}
