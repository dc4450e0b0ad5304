using System.Security.Claims;
using System.Text.Json;
using ArScale.Gateway.Billing.Idempotency;
using ArScale.Gateway.Billing.Requests;

namespace ArScale.Gateway.Billing;

/// <summary>
/// What every batch endpoint does around its own work: read the body once, enforce the item limit (413) and the
/// id rule (400, the whole batch), and honour <c>Idempotency-Key</c>: claim the key, execute once, store the answer.
/// </summary>
public sealed class BatchEndpoint(IdempotentRequests idempotent)
{
    public const int MaxItems = 1000;

    public async Task<IResult> HandleAsync<TRequest>(HttpContext context, Func<TRequest, CancellationToken, Task<BatchAnswer>> execute)
        where TRequest : class, IBatchRequest
    {
        var cancellationToken = context.RequestAborted;
        var key = context.Request.Headers[IdempotentRequests.Header].FirstOrDefault();
        if (key is { Length: > 0 } && IdempotentRequests.KeyViolation(key) is { } badKey)
        {
            return Problems.Invalid(IdempotentRequests.Header, badKey);
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        var hash = IdempotentRequests.Hash(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        buffer.Position = 0;
        context.Request.Body = buffer;

        // A body refused before execution changes nothing and is refused the same way every time: no key is claimed for it.
        var (request, refused) = await ReadAsync<TRequest>(context.Request);
        if (refused is not null)
        {
            return refused;
        }

        if (key is not { Length: > 0 })
        {
            return Answer(await ExecuteAsync(execute, request!, cancellationToken));
        }

        var client = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.Identity?.Name ?? "anonymous";
        switch (await idempotent.ClaimAsync(client, key, hash, cancellationToken))
        {
            case KeyClaim.Answered answered:
                return Results.Content(answered.Json, "application/json", statusCode: answered.StatusCode);
            case KeyClaim.OtherBody:
                return Problems.Invalid(IdempotentRequests.Header, "this key was already used for a different request body; nothing was applied", StatusCodes.Status422UnprocessableEntity);
            case KeyClaim.InFlight:
                // A batch takes seconds: a second is a fair first wait before asking again for its answer.
                context.Response.Headers.RetryAfter = "1";
                return Problems.IdempotencyKeyInFlight();
        }

        string json;
        try
        {
            json = await ExecuteAsync(execute, request!, cancellationToken);
        }
        catch
        {
            // The answer is a 5xx (or none, the client left): give the key back so the client's retry executes, rather
            // than a 409 until the lease runs out. What the failed attempt wrote is made harmless by the items' own ids.
            await idempotent.ReleaseAsync(client, key, CancellationToken.None);
            throw;
        }

        await idempotent.CompleteAsync(client, key, StatusCodes.Status200OK, json, CancellationToken.None);
        return Answer(json);
    }

    private static async Task<(TRequest? Request, IResult? Refused)> ReadAsync<TRequest>(HttpRequest httpRequest)
        where TRequest : class, IBatchRequest
    {
        var (request, problem) = await JsonBody.ReadAsync<TRequest>(httpRequest);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (request!.Count > MaxItems)
        {
            return (null, Problems.Invalid("items", $"a batch holds at most {MaxItems} items, this one has {request.Count}", StatusCodes.Status413PayloadTooLarge));
        }

        // Refused whole, before any account is written: an id the grains or the database cannot take would
        // otherwise fail the batch half way, and the client could not tell which items were stored.
        return request.FirstViolation() is var (field, reason) ? (null, Problems.Invalid(field, reason)) : (request, null);
    }

    private static async Task<string> ExecuteAsync<TRequest>(Func<TRequest, CancellationToken, Task<BatchAnswer>> execute, TRequest request, CancellationToken cancellationToken) =>
        JsonSerializer.Serialize(await execute(request, cancellationToken), JsonBody.Options);

    // The first answer and every replay are the same bytes with the same content type.
    private static IResult Answer(string json) => Results.Content(json, "application/json", statusCode: StatusCodes.Status200OK);
}
