namespace ArScale.Gateway.Security;

/// <summary>The <c>ArScale:Security</c> section.</summary>
public sealed class GatewaySecurityOptions
{
    public const string Section = "ArScale:Security";

    /// <summary>
    /// How long a Gateway trusts what it read about a key. A revoked key keeps working on other Gateways for up to
    /// this long (on the Gateway that revoked it, at once); in exchange a busy client costs one query per period, not per request.
    /// </summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sustained rate of a key that names none of its own.</summary>
    public int DefaultRequestsPerSecond { get; set; } = 50;

    /// <summary>A key may burst to this many seconds' worth of requests before the sustained rate applies.</summary>
    public int BurstSeconds { get; set; } = 2;

    /// <summary>Keys written (hashed) at start-up: the first admin key, and the keys the AppHost and tests hand out.</summary>
    public Dictionary<string, BootstrapKey> BootstrapKeys { get; set; } = new(StringComparer.Ordinal);
}

/// <summary><c>ArScale:Security:BootstrapKeys:&lt;name&gt;</c>.</summary>
public sealed class BootstrapKey
{
    /// <summary>The whole key, <c>ars_&lt;id&gt;_&lt;secret&gt;</c>.</summary>
    public string? Key { get; set; }

    public string[] Scopes { get; set; } = [];

    public int? RequestsPerSecond { get; set; }
}
