using ArScale.Gateway.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArScale.Gateway.Apis;

/// <summary>API keys of client systems: create (the key is shown in this one answer only), list, revoke. Admin scope.</summary>
public static class ApiKeysApi
{
    public const string Path = "/api/v1/admin/api-keys";

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup(Path).WithTags("API keys").RequireScope(Scopes.Admin);

        keys.MapPost("/", async Task<Results<Created<CreatedApiKey>, ValidationProblem>> (CreateApiKeyRequest request, ApiKeyStore store, CancellationToken cancellationToken) =>
            {
                var key = new NewApiKey(request.Name, request.Scopes, request.RequestsPerSecond);
                if (key.Validate() is { Count: > 0 } errors)
                {
                    return TypedResults.ValidationProblem(
                        errors,
                        detail: string.Join("; ", errors.Select(error => $"{error.Key}: {string.Join(", ", error.Value)}")),
                        type: SecurityProblems.TypeBase + "invalid-request");
                }

                var (stored, token) = await store.CreateAsync(key, cancellationToken);
                return TypedResults.Created($"{Path}/{stored.Id}", CreatedApiKey.From(stored, token));
            })
            .WithSummary("Create a key for a client system; the answer holds the key, which is never shown again");

        keys.MapGet("/", async (ApiKeyStore store, CancellationToken cancellationToken) =>
                TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(ApiKeySummary.From).ToList()))
            .WithSummary("Every key, revoked ones included; never a key or its hash");

        keys.MapGet("/{id}", async Task<Results<Ok<ApiKeySummary>, ProblemHttpResult>> (string id, ApiKeyStore store, CancellationToken cancellationToken) =>
                await store.FindAsync(id, cancellationToken) is { } key ? TypedResults.Ok(ApiKeySummary.From(key)) : UnknownKey(id))
            .WithSummary("One key");

        keys.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, ApiKeyStore store, ApiKeyVerifier verifier, CancellationToken cancellationToken) =>
            {
                if (!await store.RevokeAsync(id, cancellationToken))
                {
                    return UnknownKey(id);
                }

                verifier.Forget(id);
                return TypedResults.NoContent();
            })
            .WithSummary("Revoke a key: refused here at once, by other Gateways once their key cache expires (ArScale:Security:KeyCacheDuration)");

        return app;
    }

    private static ProblemHttpResult UnknownKey(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "The API key is unknown.", detail: $"There is no API key with id '{id}'.",
        type: SecurityProblems.TypeBase + "unknown-api-key");
}

public sealed record CreateApiKeyRequest(string? Name, string[]? Scopes, int? RequestsPerSecond);

/// <summary>The one answer that carries the key itself.</summary>
public sealed record CreatedApiKey(string Id, string Name, string Prefix, string Key, IReadOnlyList<string> Scopes, int? RequestsPerSecond, DateTimeOffset CreatedAt)
{
    public static CreatedApiKey From(StoredApiKey key, ApiKeyToken token) =>
        new(key.Id, key.Name, ApiKeyToken.PrefixOf(key.Id), token.Reveal(), key.Scopes, key.RequestsPerSecond, key.CreatedAt);
}

public sealed record ApiKeySummary(
    string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, int? RequestsPerSecond, string Source,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeySummary From(StoredApiKey key) =>
        new(key.Id, key.Name, ApiKeyToken.PrefixOf(key.Id), key.Scopes, key.RequestsPerSecond, key.Source, key.CreatedAt, key.LastUsedAt, key.RevokedAt);
}
