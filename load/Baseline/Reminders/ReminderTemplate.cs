using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;

namespace ArScale.Load.Baseline.Reminders;

/// <summary>
/// The due-day reminder template (Liquid, rendered with Fluid): a file with a subject, a text and an HTML part after
/// marker lines <c>--- subject ---</c>, <c>--- text ---</c>, <c>--- html ---</c>, parsed once at start.
/// </summary>
public sealed class ReminderTemplate
{
    private static readonly FluidParser Parser = new();
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly IFluidTemplate subject;
    private readonly IFluidTemplate text;
    private readonly IFluidTemplate html;
    private readonly TemplateOptions options;

    private ReminderTemplate(IFluidTemplate subject, IFluidTemplate text, IFluidTemplate html, TemplateOptions options)
    {
        this.subject = subject;
        this.text = text;
        this.html = html;
        this.options = options;
    }

    public static ReminderTemplate Load(string file)
    {
        var sections = Sections(File.ReadAllText(file));
        var options = new TemplateOptions { CultureInfo = CultureInfo.InvariantCulture, TimeZone = TimeZoneInfo.Utc };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in new[] { typeof(ReminderModel), typeof(LenderModel), typeof(InvoiceLine), typeof(FeeLine) })
        {
            options.MemberAccessStrategy.Register(type);
        }

        return new ReminderTemplate(Parse(file, sections, "subject"), Parse(file, sections, "text"), Parse(file, sections, "html"), options);
    }

    public async Task<(string Subject, string Text, string Html)> RenderAsync(ReminderModel model)
    {
        var context = new TemplateContext(model, options);
        return (
            (await subject.RenderAsync(context, NullEncoder.Default)).Trim().ReplaceLineEndings(" "),
            await text.RenderAsync(context, NullEncoder.Default),
            await html.RenderAsync(context, Html));
    }

    private static IFluidTemplate Parse(string file, Dictionary<string, string> sections, string name)
    {
        if (!sections.TryGetValue(name, out var source))
        {
            throw new InvalidOperationException($"{file}: no '--- {name} ---' section");
        }

        return Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"{file} [{name}]: {error}");
    }

    private static Dictionary<string, string> Sections(string source)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var body = new StringBuilder();
        foreach (var line in source.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 8 && trimmed.StartsWith("--- ", StringComparison.Ordinal) && trimmed.EndsWith(" ---", StringComparison.Ordinal))
            {
                Close();
                current = trimmed[4..^4].Trim();
                continue;
            }

            if (current is not null)
            {
                body.Append(line).Append('\n');
            }
        }

        Close();
        return sections;

        void Close()
        {
            if (current is not null)
            {
                sections[current] = body.ToString().Trim('\n') + "\n";
                body.Clear();
            }
        }
    }
}
