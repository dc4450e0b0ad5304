using System.Security.Claims;
using ArScale.Gateway.Billing.Requests;

namespace ArScale.Gateway.Billing;

/// <summary>
/// What every batch endpoint does around its own work: read the body once, honour <c>Idempotency-Key</c>,
/// enforce the item limit (413) and the id rule (400, the whole batch), and store the first answer.
/// </summary>
public sealed class BatchEndpoint(IdempotentRequests idempotent)
{
    public const int MaxItems = 1000;

    public async Task<IResult> HandleAsync<TRequest>(
        HttpContext context, Func<TRequest, CancellationToken, Task<BatchAnswer>> execute)
        where TRequest : class, IBatchRequest
    {
        var cancellationToken = context.RequestAborted;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        var hash = IdempotentRequests.Hash(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        var key = context.Request.Headers[IdempotentRequests.Header].FirstOrDefault();
        var client = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.Identity?.Name ?? "anonymous";

        if (key is { Length: > 0 })
        {
            if (key.Length > 200)
            {
                return Problems.Invalid(IdempotentRequests.Header, "at most 200 characters");
            }

            if (await idempotent.FindAsync(client, key, cancellationToken) is { } stored)
            {
                return stored.RequestHash.AsSpan().SequenceEqual(hash)
                    ? Results.Content(stored.Json, "application/json", statusCode: stored.StatusCode)
                    : Problems.Invalid(IdempotentRequests.Header, "this key was already used for a different request body", StatusCodes.Status422UnprocessableEntity);
            }
        }

        buffer.Position = 0;
        context.Request.Body = buffer;
        var (request, problem) = await JsonBody.ReadAsync<TRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (request!.Count > MaxItems)
        {
            return Problems.Invalid("items", $"a batch holds at most {MaxItems} items, this one has {request.Count}", StatusCodes.Status413PayloadTooLarge);
        }

        // Refused whole, before any account is written: an id the grains or the database cannot take would
        // otherwise fail the batch half way, and the client could not tell which items were stored.
        if (request.FirstViolation() is var (field, reason))
        {
            return Problems.Invalid(field, reason);
        }

        var answer = await execute(request!, cancellationToken);
        if (key is { Length: > 0 })
        {
            await idempotent.StoreAsync(client, key, hash, StatusCodes.Status200OK, answer, cancellationToken);
        }

        return TypedResults.Json(answer, JsonBody.Options);
    }
}
