using System.Security.Cryptography;
using System.Text;
using ArScale.Gateway.Security;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>The key format and its hash: pure, no Gateway needed.</summary>
public sealed class ApiKeyTokenTests
{
    [Fact]
    public void A_generated_key_reads_back_as_itself()
    {
        var token = ApiKeyToken.Generate();

        Assert.True(ApiKeyToken.TryParse(token.Reveal(), out var parsed));
        Assert.Equal(token.Id, parsed.Id);
        Assert.Equal(token.Secret, parsed.Secret);
        Assert.StartsWith($"ars_{token.Id}_", token.Reveal(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_keys_are_url_safe_and_never_repeat()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => ApiKeyToken.Generate().Reveal()).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.Equal(key, Uri.EscapeDataString(key)));
    }

    [Fact]
    public void A_secret_may_contain_the_separator()
    {
        Assert.True(ApiKeyToken.TryParse("ars_abcdefgh_secret_with_underscores-and-dashes_0123", out var token));
        Assert.Equal("abcdefgh", token.Id);
        Assert.Equal("secret_with_underscores-and-dashes_0123", token.Secret);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcdefgh_0123456789abcdefghijklmnopqrstuvwxyz")]
    [InlineData("ars_abcdefgh")]
    [InlineData("ars_ABCDEFGH_0123456789abcdefghijklmnopqrstuvwxyz")]
    [InlineData("ars_short_0123456789abcdefghijklmnopqrstuvwxyz")]
    [InlineData("ars_abcdefgh_tooshort")]
    [InlineData("ars_abcdefgh_0123456789abcdefghijklmnopqrstuvwxyz+/")]
    [InlineData("ars_abcdefgh_0123456789 abcdefghijklmnopqrstuvwxyz")]
    public void A_malformed_key_is_refused_before_any_lookup(string value) => Assert.False(ApiKeyToken.TryParse(value, out _));

    [Fact]
    public void An_absurdly_long_key_is_refused() => Assert.False(ApiKeyToken.TryParse("ars_abcdefgh_" + new string('a', 500), out _));

    [Fact]
    public void Only_the_sha256_of_the_secret_is_compared()
    {
        var token = ApiKeyToken.Generate();
        var stored = SHA256.HashData(Encoding.UTF8.GetBytes(token.Secret));

        Assert.Equal(stored, token.SecretHash());
        Assert.True(token.Matches(stored));
        Assert.False(ApiKeyToken.Generate().Matches(stored));
    }

    [Fact]
    public void A_key_in_a_log_message_shows_only_its_public_part()
    {
        var token = ApiKeyToken.Generate();

        Assert.DoesNotContain(token.Secret, token.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(token.Prefix, token.ToString(), StringComparison.Ordinal);
    }
}
