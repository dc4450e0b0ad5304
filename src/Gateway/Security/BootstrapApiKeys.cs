using Microsoft.Extensions.Options;

namespace ArScale.Gateway.Security;

/// <summary>
/// Writes the keys named in <c>ArScale:Security:BootstrapKeys</c> before the Gateway serves requests: the first
/// admin key of a new installation, and the keys the AppHost and tests hand their clients. Starting again with the
/// same configuration writes the same rows.
/// </summary>
public sealed partial class BootstrapApiKeys(
    IOptions<GatewaySecurityOptions> options, ApiKeyStore store, ILogger<BootstrapApiKeys> logger) : IHostedLifecycleService
{
    // Starting, not Start: every Starting runs before any Start, so the keys are there before Kestrel takes a request.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.BootstrapKeys;
        if (configured.Count == 0)
        {
            return;
        }

        var keys = configured.Select(entry => Validate(entry.Key, entry.Value)).ToList();
        foreach (var (name, token, scopes, requestsPerSecond) in keys)
        {
            var stored = await store.UpsertAsync(name, token, scopes, requestsPerSecond, cancellationToken);
            if (stored.IsRevoked)
            {
                LogStillRevoked(name, token.Id);
            }
            else
            {
                LogWritten(name, token.Id, string.Join(",", scopes));
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A bad entry stops the start, naming the setting: a Gateway nobody can call is worse than one that does not start.</summary>
    public static (string Name, ApiKeyToken Token, string[] Scopes, int? RequestsPerSecond) Validate(string name, BootstrapKey key)
    {
        var setting = $"{GatewaySecurityOptions.Section}:BootstrapKeys:{name}";
        if (!ApiKeyToken.TryParse(key.Key, out var token))
        {
            throw new InvalidOperationException(
                $"{setting}:Key must be a key of the form ars_<id>_<secret>: an id of 8 to 32 lower-case letters and digits, a secret of at least 32 URL-safe base64 characters.");
        }

        var errors = new NewApiKey(name, key.Scopes, key.RequestsPerSecond).Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"{setting} is not valid: {string.Join("; ", errors.Select(error => $"{error.Key}: {string.Join(", ", error.Value)}"))}.");
        }

        return (name, token, new NewApiKey(name, key.Scopes, key.RequestsPerSecond).NormalizedScopes, key.RequestsPerSecond);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API key '{Name}' ({KeyId}) from configuration, scopes {Scopes}")]
    private partial void LogWritten(string name, string keyId, string scopes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API key '{Name}' ({KeyId}) from configuration was revoked and stays revoked; configure a new key")]
    private partial void LogStillRevoked(string name, string keyId);
}
