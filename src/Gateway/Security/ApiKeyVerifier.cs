using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ArScale.Gateway.Security;

public enum ApiKeyRejection
{
    Malformed,
    Unknown,
    WrongSecret,
    Revoked,
}

/// <summary>The outcome of checking a presented key: the key, or why it was refused (and its id, when it had one).</summary>
public sealed record ApiKeyCheck(StoredApiKey? Key, ApiKeyRejection? Rejection, string? KeyId)
{
    public static ApiKeyCheck Accepted(StoredApiKey key) => new(key, null, key.Id);

    public static ApiKeyCheck Rejected(ApiKeyRejection rejection, string? keyId) => new(null, rejection, keyId);
}

/// <summary>
/// Checks presented keys against the store, remembering what it read for <see cref="GatewaySecurityOptions.KeyCacheDuration"/>
/// so that a client sending thousands of requests a second costs one query per period, not one per request. The
/// secret is still hashed and compared on every request: the cache holds stored keys, never presented ones.
/// </summary>
public sealed partial class ApiKeyVerifier(
    ApiKeyStore store, IOptionsMonitor<GatewaySecurityOptions> options, TimeProvider time, ILogger<ApiKeyVerifier> logger)
{
    // Only keys that exist are kept, so the size is bounded by the table, however many made-up ids arrive.
    private readonly ConcurrentDictionary<string, CacheEntry> cache = new(StringComparer.Ordinal);

    public async Task<ApiKeyCheck> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeyToken.TryParse(presented, out var token))
        {
            LogRejected(ApiKeyRejection.Malformed, "(none)");
            return ApiKeyCheck.Rejected(ApiKeyRejection.Malformed, null);
        }

        var cached = await LookUpAsync(token.Id, cancellationToken);
        var rejection = cached switch
        {
            null => ApiKeyRejection.Unknown,
            _ when !token.Matches(cached.Key.SecretSha256) => ApiKeyRejection.WrongSecret,
            { Key.IsRevoked: true } => ApiKeyRejection.Revoked,
            _ => (ApiKeyRejection?)null,
        };
        if (rejection is not null)
        {
            LogRejected(rejection.Value, token.Id);
            return ApiKeyCheck.Rejected(rejection.Value, token.Id);
        }

        if (cached!.ClaimFirstUse())
        {
            await RecordUseAsync(token.Id, cancellationToken);
        }

        return ApiKeyCheck.Accepted(cached.Key);
    }

    /// <summary>Drops what this Gateway remembers of a key, so a revocation made here applies at once.</summary>
    public void Forget(string id) => cache.TryRemove(id, out _);

    private async Task<CachedKey?> LookUpAsync(string id, CancellationToken cancellationToken)
    {
        var duration = options.CurrentValue.KeyCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return await store.FindAsync(id, cancellationToken) is { } key ? new CachedKey(key) : null;
        }

        var now = time.GetUtcNow();
        var entry = cache.AddOrUpdate(
            id,
            static (id, state) => CacheEntry.Start(state.store, id, state.now + state.duration),
            static (id, existing, state) => existing.ExpiresAt > state.now ? existing : CacheEntry.Start(state.store, id, state.now + state.duration),
            (store, now, duration));
        try
        {
            // Concurrent misses share one query; it is not cancelled with the request that happened to start it.
            var cached = await entry.Lookup.Value.WaitAsync(cancellationToken);
            if (cached is null)
            {
                cache.TryRemove(KeyValuePair.Create(id, entry));
            }

            return cached;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            cache.TryRemove(KeyValuePair.Create(id, entry));
            throw;
        }
    }

    private async Task RecordUseAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await store.RecordUseAsync(id, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // "Last used" is a convenience for whoever tidies up keys; it must not fail the request.
            LogUseNotRecorded(exception, id);
        }
    }

    // Debug: the authentication handler already logs each refusal (with the key id) at Information.
    [LoggerMessage(Level = LogLevel.Debug, Message = "API key {KeyId} refused: {Rejection}")]
    private partial void LogRejected(ApiKeyRejection rejection, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the use of API key {KeyId}")]
    private partial void LogUseNotRecorded(Exception exception, string keyId);

    private sealed class CacheEntry(Lazy<Task<CachedKey?>> lookup, DateTimeOffset expiresAt)
    {
        public Lazy<Task<CachedKey?>> Lookup { get; } = lookup;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public static CacheEntry Start(ApiKeyStore store, string id, DateTimeOffset expiresAt) =>
            new(new Lazy<Task<CachedKey?>>(async () => await store.FindAsync(id, CancellationToken.None) is { } key ? new CachedKey(key) : null), expiresAt);
    }

    private sealed class CachedKey(StoredApiKey key)
    {
        private int used;

        public StoredApiKey Key { get; } = key;

        /// <summary>True for the first request this entry serves: "last used" is written once per cache period, not per request.</summary>
        public bool ClaimFirstUse() => Interlocked.Exchange(ref used, 1) == 0;
    }
}
