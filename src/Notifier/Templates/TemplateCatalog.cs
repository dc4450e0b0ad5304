using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;
using ArScale.Notifier.Templates.Models;
using Fluid;

namespace ArScale.Notifier.Templates;

/// <summary>
/// Every template in the folder, parsed once at start-up: <c>&lt;locale&gt;/&lt;channel&gt;/&lt;key&gt;.liquid</c>,
/// <c>aliases.json</c> (a key that borrows another's templates) and <c>providers/&lt;channel&gt;.liquid</c> (HTTP bodies).
/// Loading is all or nothing: a syntax error, a missing section or an unknown variable in any file stops the start.
/// </summary>
public sealed class TemplateCatalog
{
    private static readonly FluidParser Parser = new();

    // Only what HTML needs escaped: the default encoder would also turn every € and every Chinese character into an entity.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly Dictionary<(string Key, string Channel, string Locale), MessageTemplate> templates;
    private readonly Dictionary<string, string> aliases;
    private readonly Dictionary<string, IFluidTemplate> providerBodies;
    private readonly TemplateOptions options;

    private TemplateCatalog(
        Dictionary<(string, string, string), MessageTemplate> templates, Dictionary<string, string> aliases,
        Dictionary<string, IFluidTemplate> providerBodies, TemplateOptions options)
    {
        this.templates = templates;
        this.aliases = aliases;
        this.providerBodies = providerBodies;
        this.options = options;
    }

    public int Count => templates.Count;

    public static TemplateCatalog Load(string directory)
    {
        var options = CreateOptions();
        var problems = new List<string>();
        if (!Directory.Exists(directory))
        {
            throw new TemplateLoadException([$"{directory}: the template folder does not exist"]);
        }

        var templates = new Dictionary<(string, string, string), MessageTemplate>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.liquid", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            var parts = relative.Split('/');
            if (parts[0] == "providers")
            {
                continue;
            }

            if (parts.Length != 3)
            {
                problems.Add($"{relative}: expected <locale>/<channel>/<template-key>.liquid");
                continue;
            }

            if (LoadTemplate(relative, parts[0], parts[1], Path.GetFileNameWithoutExtension(parts[2]), File.ReadAllText(file), options, problems) is { } template)
            {
                templates[(template.Key, template.Channel, template.Locale)] = template;
            }
        }

        var aliases = LoadAliases(directory, templates, problems);
        var providerBodies = LoadProviderBodies(directory, options, problems);
        return problems.Count > 0 ? throw new TemplateLoadException(problems) : new TemplateCatalog(templates, aliases, providerBodies, options);
    }

    /// <summary>The template for a key, channel and locale, following an alias when the key has none of its own.</summary>
    public bool TryGet(string key, string channel, string locale, out MessageTemplate template) =>
        templates.TryGetValue((key, channel, locale), out template!)
        || (aliases.TryGetValue(key, out var target) && templates.TryGetValue((target, channel, locale), out template!));

    public bool HasProviderBody(string name) => providerBodies.ContainsKey(name);

    public async ValueTask<RenderedMessage> RenderAsync(MessageTemplate template, object model)
    {
        var context = new TemplateContext(model, options);
        var subject = template.Subject is null ? "" : (await template.Subject.RenderAsync(context, NullEncoder.Default)).Trim();
        var text = await template.Text.RenderAsync(context, NullEncoder.Default);
        var html = template.Html is null ? "" : await template.Html.RenderAsync(context, Html);

        // A header cannot span lines: a value with a line break must not smuggle one into the subject.
        return new RenderedMessage(subject.ReplaceLineEndings(" "), text, html);
    }

    public async ValueTask<string> RenderProviderBodyAsync(string name, HttpPayloadModel model) =>
        await providerBodies[name].RenderAsync(new TemplateContext(model, options), NullEncoder.Default);

    private static MessageTemplate? LoadTemplate(string file, string locale, string channel, string key, string source, TemplateOptions options, List<string> problems)
    {
        if (!IsCulture(locale))
        {
            problems.Add($"{file}: '{locale}' is not a locale");
            return null;
        }

        if (TemplateModels.For(key) is not { } modelType)
        {
            problems.Add($"{file}: no model renders template key '{key}' (keys start with dunning., or are {TemplateModels.Statement}, {TemplateModels.CollectorTask}, {TemplateModels.LegalEscalation})");
            return null;
        }

        var (sections, sectionProblems) = TemplateSections.Split(source);
        problems.AddRange(sectionProblems.Select(problem => $"{file}: {problem}"));
        foreach (var required in TemplateSections.RequiredFor(channel).Where(required => !sections.ContainsKey(required)))
        {
            problems.Add($"{file}: the '{required}' section is missing (a {channel} template needs {string.Join(", ", TemplateSections.RequiredFor(channel))})");
        }

        var compiled = sections.ToDictionary(section => section.Key, section => Parse($"{file} [{section.Key}]", section.Value, modelType, options, problems));
        return compiled.GetValueOrDefault(TemplateSections.Text) is { } text
            ? new MessageTemplate(key, channel, locale, file, compiled.GetValueOrDefault(TemplateSections.Subject), text, compiled.GetValueOrDefault(TemplateSections.Html))
            : null;
    }

    private static IFluidTemplate? Parse(string name, string source, Type modelType, TemplateOptions options, List<string> problems)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            problems.Add($"{name}: {error}");
            return null;
        }

        problems.AddRange(TemplateVariableCheck.Problems(template, modelType, options).Select(problem => $"{name}: {problem}"));
        return template;
    }

    private static Dictionary<string, string> LoadAliases(string directory, Dictionary<(string Key, string Channel, string Locale), MessageTemplate> templates, List<string> problems)
    {
        var file = Path.Combine(directory, "aliases.json");
        if (!File.Exists(file))
        {
            return [];
        }

        Dictionary<string, string>? aliases;
        try
        {
            aliases = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file));
        }
        catch (JsonException exception)
        {
            problems.Add($"aliases.json: {exception.Message}");
            return [];
        }

        var keys = templates.Keys.Select(key => key.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (alias, target) in aliases ?? [])
        {
            if (!keys.Contains(target))
            {
                problems.Add($"aliases.json: '{alias}' points to '{target}', which has no template");
            }
        }

        return aliases ?? [];
    }

    private static Dictionary<string, IFluidTemplate> LoadProviderBodies(string directory, TemplateOptions options, List<string> problems)
    {
        var bodies = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        var folder = Path.Combine(directory, "providers");
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.liquid") : [])
        {
            if (Parse($"providers/{Path.GetFileName(file)}", File.ReadAllText(file), typeof(HttpPayloadModel), options, problems) is { } body)
            {
                bodies[Path.GetFileNameWithoutExtension(file)] = body;
            }
        }

        return bodies;
    }

    private static bool IsCulture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            StrictVariables = true,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
        };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in TemplateModels.All)
        {
            options.MemberAccessStrategy.Register(type);
        }

        return options;
    }
}
