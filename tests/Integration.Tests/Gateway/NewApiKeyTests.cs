using ArScale.Gateway.Security;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>Scopes and what a new or configured key must be: pure rules shared by the admin API, the command line and start-up.</summary>
public sealed class NewApiKeyTests
{
    [Theory]
    [InlineData(Scopes.BillingWrite)]
    [InlineData(Scopes.CollectionsWrite)]
    [InlineData(Scopes.ReportsRead)]
    [InlineData(Scopes.Admin)]
    public void Admin_implies_every_scope(string scope) => Assert.True(Scopes.Grants([Scopes.Admin], scope));

    [Fact]
    public void A_scope_grants_only_itself()
    {
        Assert.True(Scopes.Grants([Scopes.ReportsRead], Scopes.ReportsRead));
        Assert.False(Scopes.Grants([Scopes.ReportsRead], Scopes.BillingWrite));
        Assert.False(Scopes.Grants([Scopes.BillingWrite, Scopes.CollectionsWrite], Scopes.Admin));
        Assert.False(Scopes.Grants(["Admin"], Scopes.ReportsRead));
    }

    [Fact]
    public void A_valid_key_has_no_errors_and_its_scopes_are_deduplicated() =>
        Assert.Empty(new NewApiKey("erp", [Scopes.BillingWrite, Scopes.BillingWrite], 200).Validate());

    [Fact]
    public void Scopes_are_stored_once_each_in_a_stable_order() =>
        Assert.Equal([Scopes.BillingWrite, Scopes.ReportsRead], new NewApiKey("erp", [Scopes.ReportsRead, Scopes.BillingWrite, Scopes.ReportsRead], null).NormalizedScopes);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_key_needs_a_name(string? name) =>
        Assert.Contains("name", new NewApiKey(name, [Scopes.ReportsRead], null).Validate().Keys);

    [Fact]
    public void An_unknown_scope_is_named()
    {
        var errors = new NewApiKey("erp", [Scopes.ReportsRead, "billing:read"], null).Validate();

        Assert.Contains("'billing:read'", Assert.Single(errors["scopes"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_needs_a_scope() => Assert.Contains("scopes", new NewApiKey("erp", [], null).Validate().Keys);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100_001)]
    public void A_rate_must_be_positive_and_sane(int requestsPerSecond) =>
        Assert.Contains("requestsPerSecond", new NewApiKey("erp", [Scopes.ReportsRead], requestsPerSecond).Validate().Keys);

    [Fact]
    public void A_configured_key_that_is_not_a_key_stops_the_start_naming_the_setting_but_not_the_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            BootstrapApiKeys.Validate("erp", new BootstrapKey { Key = "hunter2-is-my-password", Scopes = [Scopes.BillingWrite] }));

        Assert.Contains("ArScale:Security:BootstrapKeys:erp:Key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_key_with_an_unknown_scope_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            BootstrapApiKeys.Validate("erp", new BootstrapKey { Key = ApiKeyToken.Generate().Reveal(), Scopes = ["billing"] }));

        Assert.Contains("'billing'", error.Message, StringComparison.Ordinal);
    }
}
