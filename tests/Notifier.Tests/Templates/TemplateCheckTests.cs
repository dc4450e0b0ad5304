namespace ArScale.Notifier.Tests.Templates;

public sealed class TemplateCheckTests : IDisposable
{
    private const string GoodEmail = """
        --- subject ---
        Reminder for {{ customer_name }}
        --- text ---
        {% for invoice in invoices %}{{ invoice.invoice_id }} {{ invoice.outstanding }}{% endfor %} {{ lender.pay_url }}
        --- html ---
        <p>{{ total_outstanding }}</p>
        """;

    private readonly TemplateFolder folder = new();

    [Fact]
    public void A_template_using_only_model_variables_loads()
    {
        var catalog = folder.With("en/email/dunning.due.liquid", GoodEmail).Load();

        Assert.True(catalog.TryGet("dunning.due", "email", "en", out var template));
        Assert.Equal("en/email/dunning.due.liquid", template.File);
    }

    [Theory]
    [InlineData("{{ customer_nmae }}", "'customer_nmae' is not a variable")]
    [InlineData("{% for invoice in invoices %}{{ invoice.amount_due }}{% endfor %}", "'invoice.amount_due' is not a variable")]
    [InlineData("{% if has_fees %}ok{% else %}{{ lender.iban }}{% endif %}", "'lender.iban' is not a variable")]
    [InlineData("{{ customer_name | shout }}", "filter 'shout' does not exist")]
    [InlineData("{% include 'footer' %}", "'include' is not supported")]
    public void A_template_using_what_the_model_lacks_fails_at_load_naming_the_file_and_the_variable(string text, string expected)
    {
        folder.With("zh-CN/email/dunning.due.liquid", GoodEmail.Replace("{{ lender.pay_url }}", text, StringComparison.Ordinal));

        var failure = Assert.Throws<TemplateLoadException>(folder.Load);

        var problem = Assert.Single(failure.Problems);
        Assert.StartsWith("zh-CN/email/dunning.due.liquid [text]", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Loop_variables_assignments_and_forloop_are_known_inside_their_template()
    {
        var text = GoodEmail.Replace(
            "{{ lender.pay_url }}",
            "{% assign first = invoices.first %}{{ first.due_date }}{% capture line %}x{% endcapture %}{{ line }}{% for fee in fees %}{{ forloop.index }} {{ fee.amount }}{% endfor %}{{ invoices.size }}",
            StringComparison.Ordinal);

        folder.With("en/email/dunning.due.liquid", text).Load();
    }

    [Fact]
    public void An_email_template_without_an_html_section_fails_at_load()
    {
        folder.With("en/email/dunning.due.liquid", "--- subject ---\nHi\n--- text ---\nHello\n");

        var failure = Assert.Throws<TemplateLoadException>(folder.Load);

        Assert.Contains(failure.Problems, problem => problem.Contains("the 'html' section is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void An_sms_template_needs_only_text()
    {
        var catalog = folder.With("en/sms/dunning.overdue.liquid", "--- text ---\n{{ total_outstanding }} overdue. {{ lender.pay_url }}\n").Load();

        Assert.True(catalog.TryGet("dunning.overdue", "sms", "en", out _));
    }

    [Fact]
    public void Every_problem_in_the_folder_is_reported_at_once()
    {
        folder.With("en/email/dunning.due.liquid", GoodEmail.Replace("{{ customer_name }}", "{{ nobody }}", StringComparison.Ordinal))
            .With("en/sms/dunning.due.liquid", "--- text ---\n{{ nothing }}\n")
            .With("en/email/unknown.kind.liquid", GoodEmail)
            .With("aliases.json", """{ "dunning.priority.due": "dunning.missing" }""");

        var failure = Assert.Throws<TemplateLoadException>(folder.Load);

        Assert.Equal(4, failure.Problems.Count);
    }

    [Fact]
    public void An_alias_borrows_the_templates_of_its_target()
    {
        var catalog = folder.With("en/email/dunning.due.liquid", GoodEmail).With("aliases.json", """{ "dunning.priority.due": "dunning.due" }""").Load();

        Assert.True(catalog.TryGet("dunning.priority.due", "email", "en", out var template));
        Assert.Equal("dunning.due", template.Key);
        Assert.False(catalog.TryGet("dunning.priority.due", "email", "zh-CN", out _));
    }

    [Fact]
    public async Task Html_is_encoded_and_text_is_not()
    {
        var catalog = folder.With("en/email/dunning.due.liquid", GoodEmail).Load();
        catalog.TryGet("dunning.due", "email", "en", out var template);

        var message = await catalog.RenderAsync(template, Models.Notice(customerName: "Tom & <Jerry>", total: "<b>€1</b>"));

        Assert.Equal("Reminder for Tom & <Jerry>", message.Subject);
        Assert.Contains("&lt;b&gt;", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_break_in_a_value_cannot_reach_the_subject_line()
    {
        var catalog = folder.With("en/email/dunning.due.liquid", GoodEmail).Load();
        catalog.TryGet("dunning.due", "email", "en", out var template);

        var message = await catalog.RenderAsync(template, Models.Notice(customerName: "Eve\r\nBcc: all@example.test"));

        Assert.DoesNotContain('\n', message.Subject);
        Assert.DoesNotContain('\r', message.Subject);
    }

    public void Dispose() => folder.Dispose();
}
