using System.Text.Json;
using ArScale.Notifier.Templates.Models;

namespace ArScale.Notifier.Tests.Templates;

/// <summary>The templates the Notifier ships with, checked as shipped.</summary>
public sealed class ShippedTemplatesTests
{
    private static readonly string[] Locales = ["en", "zh-CN"];
    private static readonly Lazy<TemplateCatalog> Catalog = new(() => TemplateCatalog.Load(Path.Combine(AppContext.BaseDirectory, "templates")));

    public static TheoryData<string, string, string> PolicyTemplates()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "policies"), "*.json"))
        {
            using var policy = JsonDocument.Parse(File.ReadAllText(file));
            var stages = policy.RootElement.GetProperty("stages").EnumerateArray().ToList();
            if (policy.RootElement.TryGetProperty("promiseToPay", out var promise) && promise.TryGetProperty("brokenPromiseStage", out var broken))
            {
                stages.Add(broken);
            }

            foreach (var stage in stages.Where(stage => stage.TryGetProperty("templateKey", out _)))
            {
                foreach (var channel in stage.GetProperty("channels").EnumerateArray())
                {
                    foreach (var locale in Locales)
                    {
                        data.Add(stage.GetProperty("templateKey").GetString()!, channel.GetString()!, locale);
                    }
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_shipped_folder_loads_without_a_problem() => Assert.True(Catalog.Value.Count > 0);

    [Theory]
    [MemberData(nameof(PolicyTemplates))]
    public void Every_stage_of_every_shipped_policy_has_a_template_for_each_of_its_channels_in_each_locale(string key, string channel, string locale) =>
        Assert.True(Catalog.Value.TryGet(key, channel, locale, out _), $"no template {key} for {channel} in {locale}");

    [Theory]
    [InlineData(TemplateModels.Statement)]
    [InlineData(TemplateModels.CollectorTask)]
    [InlineData(TemplateModels.LegalEscalation)]
    public void Statements_and_staff_notices_have_email_templates_in_each_locale(string key) =>
        Assert.All(Locales, locale => Assert.True(Catalog.Value.TryGet(key, "email", locale, out _), $"no {key} in {locale}"));

    public static TheoryData<string, string, string> AllShipped()
    {
        var data = new TheoryData<string, string, string>();
        var root = Path.Combine(AppContext.BaseDirectory, "templates");
        foreach (var file in Directory.EnumerateFiles(root, "*.liquid", SearchOption.AllDirectories))
        {
            var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            if (parts.Length == 3)
            {
                data.Add(Path.GetFileNameWithoutExtension(parts[2]), parts[1], parts[0]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllShipped))]
    public async Task Every_shipped_template_renders_its_model_into_every_section(string key, string channel, string locale)
    {
        Assert.True(Catalog.Value.TryGet(key, channel, locale, out var template));
        object model = key switch
        {
            TemplateModels.Statement => Models.Statement(),
            TemplateModels.CollectorTask => Models.CollectorTask(),
            TemplateModels.LegalEscalation => Models.LegalCase(),
            _ => Models.Notice(),
        };

        var message = await Catalog.Value.RenderAsync(template, model);

        Assert.False(string.IsNullOrWhiteSpace(message.Text));
        if (channel is "email" or "letter")
        {
            Assert.False(string.IsNullOrWhiteSpace(message.Subject));
            Assert.Contains("<", message.Html, StringComparison.Ordinal);
        }

        if (model is NoticeModel notice)
        {
            Assert.Contains(notice.TotalOutstanding, message.Text, StringComparison.Ordinal);
        }

        if (channel == "sms")
        {
            Assert.True(message.Text.Length <= 320, $"{template.File} renders {message.Text.Length} characters for one SMS");
        }
    }

    [Theory]
    [InlineData("sms")]
    [InlineData("letter")]
    [InlineData("webhook")]
    public async Task Provider_bodies_render_as_json_carrying_the_message(string provider)
    {
        Assert.True(Catalog.Value.HasProviderBody(provider));

        var body = await Catalog.Value.RenderProviderBodyAsync(provider, Models.Payload());

        using var json = JsonDocument.Parse(body);
        Assert.Contains(json.RootElement.EnumerateObject(), property => property.Value.ToString().Contains("a-1", StringComparison.Ordinal));
    }
}
