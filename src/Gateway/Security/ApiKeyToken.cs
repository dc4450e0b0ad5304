using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace ArScale.Gateway.Security;

/// <summary>
/// An API key as a client presents it: <c>ars_&lt;id&gt;_&lt;secret&gt;</c>. The id is public (it is logged, listed and
/// used to find the key); the secret is 256 random bits, of which only the SHA-256 is ever stored.
/// </summary>
/// <remarks>
/// A plain hash is enough here: slow KDFs (PBKDF2, bcrypt, Argon2) exist to make guessing low-entropy passwords
/// expensive, and nobody can enumerate 2^256 secrets however fast the hash is. A slow KDF would instead cost tens
/// of milliseconds of CPU on every cache miss, which is a gift to anyone flooding the Gateway with bad keys.
/// </remarks>
public sealed class ApiKeyToken
{
    public const string Marker = "ars_";

    // Longer than any key we issue, short enough that a hostile header costs nothing to reject.
    private const int MaxLength = 200;
    private const int MinSecretLength = 32;
    private const int IdBytes = 8;
    private const int SecretBytes = 32;

    private static readonly SearchValues<char> IdCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> UrlSafe = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private ApiKeyToken(string id, string secret)
    {
        Id = id;
        Secret = secret;
    }

    public string Id { get; }

    public string Secret { get; }

    /// <summary>The public start of the key, enough for a person to tell which key a client holds.</summary>
    public string Prefix => PrefixOf(Id);

    public static string PrefixOf(string id) => $"{Marker}{id}_";

    public static ApiKeyToken Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return new ApiKeyToken(id, secret);
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out ApiKeyToken? token)
    {
        token = null;
        if (value is null || value.Length > MaxLength || !value.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }

        // The id never contains '_'; the secret may (base64url), so only the first separator splits them.
        var rest = value.AsSpan(Marker.Length);
        var separator = rest.IndexOf('_');
        if (separator < 0)
        {
            return false;
        }

        var id = rest[..separator];
        var secret = rest[(separator + 1)..];
        if (!IsValidId(id) || secret.Length < MinSecretLength || !IsUrlSafe(secret))
        {
            return false;
        }

        token = new ApiKeyToken(id.ToString(), secret.ToString());
        return true;
    }

    public static bool IsValidId(ReadOnlySpan<char> id) => id.Length is >= 8 and <= 32 && !id.ContainsAnyExcept(IdCharacters);

    public byte[] SecretHash() => SHA256.HashData(Encoding.UTF8.GetBytes(Secret));

    /// <summary>Whether this key's secret is the one behind <paramref name="storedHash"/>, in time that does not depend on where they differ.</summary>
    public bool Matches(ReadOnlySpan<byte> storedHash) => CryptographicOperations.FixedTimeEquals(SecretHash(), storedHash);

    /// <summary>The key as the client must send it. Shown once, when it is created; never logged.</summary>
    public string Reveal() => $"{Marker}{Id}_{Secret}";

    /// <summary>Only the public part, so a key that ends up in a log message or an exception gives nothing away.</summary>
    public override string ToString() => $"{Prefix}…";

    private static bool IsUrlSafe(ReadOnlySpan<char> secret) => !secret.ContainsAnyExcept(UrlSafe);
}
