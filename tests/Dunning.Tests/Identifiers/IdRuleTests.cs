using ArScale.Dunning.Identifiers;

namespace ArScale.Dunning.Tests.Identifiers;

public class IdRuleTests
{
    public static TheoryData<string, string> RefusedIds => new()
    {
        { "", "empty" },
        { "   ", "only spaces" },
        { new string('x', 101), "101 characters" },
        { "INV\u00001", "NUL" },
        { "INV\u001b[31m", "ESC" },
        { "INV\u007f", "DEL" },
        { "INV\u0085", "C1 next line" },
        { "INV\u009b", "C1 control sequence introducer" },
        { "INV-\u202eFDP", "right-to-left override" },
        { "INV-\u2066x\u2069", "left-to-right isolate" },
        { "INV-\u200e1", "left-to-right mark" },
        { "INV-\u200b1", "zero width space (Cf)" },
        { "INV-\ufeff1", "byte order mark (Cf)" },
        { "INV 1", "space" },
        { "INV\u00a01", "no-break space" },
        { "INV\t1", "tab" },
        { "INV\u20281", "line separator" },
        { "ACC:1", "colon" },
        { "ACC+1", "plus" },
        { "ACC/1", "slash" },
    };

    [Theory]
    [MemberData(nameof(RefusedIds))]
    public void An_id_that_breaks_the_rule_is_refused_with_a_reason(string id, string what)
    {
        Assert.False(IdRule.IsValid(id), what);
        Assert.NotNull(IdRule.Violation(id));
    }

    [Theory]
    [InlineData("INV-2026-000123")]
    [InlineData("acc_9.z~#")]
    [InlineData("Müller-Straße-4")]
    [InlineData("客户-42")]
    [InlineData("INV-\U0001F600")]
    public void A_printable_id_of_any_script_is_accepted(string id) => Assert.True(IdRule.IsValid(id), IdRule.Violation(id));

    // A fact, not a row of the theory above: the test runner's serialization of theory data replaces a lone surrogate with U+FFFD.
    [Fact]
    public void An_id_with_an_unpaired_surrogate_is_refused_since_it_cannot_be_stored_as_utf8() => Assert.False(IdRule.IsValid("INV-\ud800"));

    [Fact]
    public void An_id_of_exactly_the_maximum_length_is_accepted() => Assert.True(IdRule.IsValid(new string('x', IdRule.MaxLength)));

    [Fact]
    public void The_reason_names_the_character_without_repeating_the_id()
    {
        var reason = IdRule.Violation("INV-\u202eFDP.exe");

        Assert.Contains("U+202E", reason, StringComparison.Ordinal);
        Assert.Contains("position 4", reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202e', reason!);
    }

    [Fact]
    public void An_account_command_with_a_nul_in_its_invoice_id_is_rejected_naming_the_field_and_stores_nothing()
    {
        var account = AnAccount().Build();

        var result = account.Execute(new IssueInvoice("c", "INV\u00001", Eur(10m), Day("2026-11-01"), Day("2026-12-01")), At("2026-11-20 10:00"));

        Assert.Equal("invoiceId", Assert.IsType<CommandResult.Rejected>(result).Field);
        Assert.Empty(account.State.Invoices);
    }

    [Fact]
    public void An_account_id_with_a_bidi_override_cannot_become_an_account() =>
        Assert.Throws<ArgumentException>(() => new Account("ACC-\u202e1"));
}
