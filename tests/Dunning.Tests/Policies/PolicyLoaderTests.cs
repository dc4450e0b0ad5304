namespace ArScale.Dunning.Tests.Policies;

public class PolicyLoaderTests
{
    private const string Valid = """
        {
          "name": "lean", "version": 2, "segment": "standard",
          "stages": [
            { "name": "due", "offsetDays": 0, "channels": ["email"], "templateKey": "dunning.due" },
            { "name": "legal", "offsetDays": 60, "channels": ["letter"], "templateKey": "dunning.legal",
              "actions": [ { "type": "legalEscalation" }, { "type": "stop" } ] }
          ]
        }
        """;

    public static TheoryData<string, string, string> Broken => new()
    {
        { "unknown channel", """{ "name": "p", "version": 1, "stages": [ { "name": "due", "offsetDays": 0, "channels": ["fax"], "templateKey": "t" } ] }""", "stages[0] 'due'.channels[0]" },
        { "missing template key", """{ "name": "p", "version": 1, "stages": [ { "name": "due", "offsetDays": 0, "channels": ["email"] } ] }""", "stages[0] 'due'.templateKey" },
        { "duplicate offset", """{ "name": "p", "version": 1, "stages": [ { "name": "a", "offsetDays": 0, "channels": ["email"], "templateKey": "t" }, { "name": "b", "offsetDays": 0, "channels": ["email"], "templateKey": "t" } ] }""", "stages[1] 'b'.offsetDays" },
        { "unordered offsets", """{ "name": "p", "version": 1, "stages": [ { "name": "a", "offsetDays": 7, "channels": ["email"], "templateKey": "t" }, { "name": "b", "offsetDays": 0, "channels": ["email"], "templateKey": "t" } ] }""", "stages[1] 'b'.offsetDays" },
        { "negative fee", """{ "name": "p", "version": 1, "stages": [ { "name": "a", "offsetDays": 7, "channels": ["email"], "templateKey": "t", "actions": [ { "type": "flatFee", "amounts": { "EUR": -5 } } ] } ] }""", "stages[0] 'a'.actions[0].amounts.EUR" },
        { "fee above the item limit", """{ "name": "p", "version": 1, "stages": [ { "name": "a", "offsetDays": 7, "channels": ["email"], "templateKey": "t", "actions": [ { "type": "flatFee", "amounts": { "EUR": 5e28 } } ] } ] }""", "stages[0] 'a'.actions[0].amounts.EUR" },
        { "legal without stop", """{ "name": "p", "version": 1, "stages": [ { "name": "a", "offsetDays": 60, "channels": ["email"], "templateKey": "t", "actions": [ { "type": "legalEscalation" } ] } ] }""", "stages[0] 'a'.actions" },
        { "unknown action", """{ "name": "p", "version": 1, "stages": [ { "name": "a", "offsetDays": 1, "channels": ["email"], "templateKey": "t", "actions": [ { "type": "prison" } ] } ] }""", "stages[0] 'a'.actions[0].type" },
        { "missing offset", """{ "name": "p", "version": 1, "stages": [ { "name": "a", "channels": ["email"], "templateKey": "t" } ] }""", "stages[0] 'a'.offsetDays" },
        { "missing name", """{ "version": 1, "stages": [ { "name": "a", "offsetDays": 1, "channels": ["email"], "templateKey": "t" } ] }""", "name" },
        { "misspelt field", """{ "name": "p", "version": 1, "stages": [ { "name": "a", "offestDays": 1, "channels": ["email"], "templateKey": "t" } ] }""", "$.stages[0].offestDays" },
        { "bad window", """{ "name": "p", "version": 1, "sendWindow": { "start": "18:00", "end": "09:00" }, "stages": [ { "name": "a", "offsetDays": 1, "channels": ["email"], "templateKey": "t" } ] }""", "sendWindow.end" },
        { "no stages", """{ "name": "p", "version": 1, "stages": [] }""", "stages" },
        { "unreachable after stop", """{ "name": "p", "version": 1, "stages": [ { "name": "a", "offsetDays": 1, "channels": ["email"], "templateKey": "t", "actions": [ { "type": "stop" } ] }, { "name": "b", "offsetDays": 2, "channels": ["email"], "templateKey": "t" } ] }""", "stages[1] 'b'" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_policy_is_rejected_naming_file_and_field(string because, string json, string where)
    {
        var result = PolicyLoader.Load("broken.json", json);

        Assert.False(result.Succeeded, because);
        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors, e => e.Where == where);
        Assert.StartsWith($"broken.json: {where}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_policy_loads_with_its_stages_in_order()
    {
        var result = PolicyLoader.Load("lean.json", Valid);

        Assert.True(result.Succeeded);
        Assert.Equal(["due", "legal"], result.Policy!.Stages.Select(s => s.Name));
        Assert.Equal(SendWindow.Default, result.Policy.SendWindow);
    }

    [Fact]
    public void One_bad_file_means_no_catalog_at_all()
    {
        var result = PolicyCatalog.Build([new("lean.json", Valid), new("bad.json", "{ \"name\": \"x\" ")]);

        Assert.Null(result.Catalog);
        Assert.All(result.Errors, e => Assert.Equal("bad.json", e.File));
    }

    [Fact]
    public void A_duplicate_name_and_version_is_rejected()
    {
        var result = PolicyCatalog.Build([new("a.json", Valid), new("b.json", Valid)]);

        Assert.Null(result.Catalog);
        Assert.Contains(result.Errors, e => e.File == "b.json" && e.Message.Contains("lean@v2", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_policies_all_load()
    {
        var result = PolicyCatalog.Build(ShippedPolicies());

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(["key-account", "priority", "standard"], result.Catalog!.Policies.Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData(Segment.Standard, "standard")]
    [InlineData(Segment.Priority, "priority")]
    [InlineData(Segment.KeyAccount, "key-account")]
    public void An_account_gets_its_segment_policy(Segment segment, string policy)
    {
        var catalog = PolicyCatalog.Build(ShippedPolicies()).Catalog!;

        Assert.Equal(policy, catalog.For(AnAccount().InSegment(segment).Profile())!.Name);
    }

    [Fact]
    public void An_account_override_wins_over_its_segment()
    {
        var catalog = PolicyCatalog.Build(ShippedPolicies()).Catalog!;
        var profile = AnAccount().Profile() with { Policy = new PolicyOverride("key-account") };

        Assert.Equal("key-account", catalog.For(profile)!.Name);
    }

    [Fact]
    public void The_shipped_standard_policy_charges_its_overdue_fee_on_email_and_sms()
    {
        var standard = PolicyCatalog.Build(ShippedPolicies()).Catalog!.Find("standard")!;
        var account = AnAccount().WithInvoice("inv-1", 100m, due: "2026-11-20").Build();
        account.Run(standard, At("2026-11-20 10:00"));

        var decision = account.Run(standard, At("2026-11-27 10:00"));

        Assert.Equal([Channel.Email, Channel.Sms], decision.Notices.Select(n => n.Channel));
        Assert.Equal(Eur(15m), decision.Fees.Single().Amount);
    }

    internal static IEnumerable<PolicySource> ShippedPolicies() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "policies"), "*.json")
            .Select(f => new PolicySource(Path.GetFileName(f), File.ReadAllText(f)));
}
