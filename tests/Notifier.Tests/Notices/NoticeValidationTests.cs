using ArScale.Notifier.Notices;
using ArScale.Notifier.Tests.Templates;

namespace ArScale.Notifier.Tests.Notices;

public sealed class NoticeValidationTests : IDisposable
{
    private readonly TemplateFolder folder = new TemplateFolder()
        .With("en/email/dunning.due.liquid", "--- subject ---\nx\n--- text ---\nx\n--- html ---\nx\n")
        .With("en/sms/dunning.due.liquid", "--- text ---\nx\n");

    [Theory]
    [InlineData("email", new string[0], "the notice has no recipient")]
    [InlineData("email", new[] { "not-an-address" }, "is not a valid email address")]
    [InlineData("email", new[] { "anna@localhost" }, "is not a valid email address")]
    [InlineData("sms", new[] { "call me" }, "is not a valid sms address")]
    [InlineData("pigeon", new[] { "anna@example.test" }, "'pigeon' is not a channel")]
    public void A_notice_that_can_never_be_sent_says_why(string channel, string[] recipients, string expected)
    {
        var problem = NoticeValidation.ContentProblem(Notice(channel, recipients), folder.Load());

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reason_never_shows_the_full_address() =>
        Assert.DoesNotContain("secret.name@", NoticeValidation.ContentProblem(Notice("email", ["secret.name@nowhere"]), folder.Load()), StringComparison.Ordinal);

    [Theory]
    [InlineData("dunning.nope", "en", "no template 'dunning.nope' for channel email in locale 'en'")]
    [InlineData("dunning.due", "fr", "no template 'dunning.due' for channel email in locale 'fr'")]
    public void An_unknown_template_or_locale_is_named(string key, string locale, string expected) =>
        Assert.Equal(expected, NoticeValidation.ContentProblem(Notice("email", ["anna@example.test"]) with { TemplateKey = key, Locale = locale }, folder.Load()));

    [Fact]
    public void A_letter_needs_no_recipient_because_the_print_house_holds_the_postal_address()
    {
        using var letters = new TemplateFolder().With("en/letter/dunning.due.liquid", "--- subject ---\nx\n--- text ---\nx\n--- html ---\nx\n");

        Assert.Null(NoticeValidation.ContentProblem(Notice("letter", []), letters.Load()));
    }

    [Fact]
    public void A_notice_without_an_id_cannot_even_be_logged() =>
        Assert.Equal("the notice has no id", NoticeValidation.IdentityProblem(Notice("email", []) with { NoticeId = "" }));

    private static OutgoingNotice Notice(string channel, IReadOnlyList<string> recipients) => new(
        "a-1:due:inv-1:2026-11-15:" + channel, NoticeKind.Dunning, "a-1", ["inv-1"], "due", "dunning.due", channel, "en", recipients,
        DateTimeOffset.UnixEpoch, () => new object(), new object());

    public void Dispose() => folder.Dispose();
}
