using System.Net.Http.Headers;
using ArScale.AppHost.Model;
using ArScale.Dunning;

namespace ArScale.AppHost.Demo;

/// <summary>
/// <c>--demo</c>: once the Gateway and the notifiers run, a generated portfolio goes in through the public API with
/// the operator key, and the terminal says how many e-mails to expect now and within the hour. A background
/// resource: the system is running without it, and a failed seeding stops nothing.
/// </summary>
public sealed class DemoPortfolioResource(string name, ProjectResource gateway, InfrastructureResource mail, string apiKey, int accounts) : Resource(name)
{
    /// <summary>Fixed, so two runs at the same minute seed the same portfolio.</summary>
    public const int Seed = 61_113;

    private readonly ResourceStatus status = new(name);

    public override IReadOnlyList<ResourceStatus> Statuses => [status];

    public override bool IsBackground => true;

    public override async Task StartAsync(ResourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        status.Set(ResourceState.Starting, "generating");
        try
        {
            var policies = LoadPolicies(Path.Combine(context.Layout.Root, "policies"));
            var now = DateTimeOffset.UtcNow;
            var portfolio = new PortfolioGenerator(policies, Seed).Generate(accounts, now);
            var forecast = DemoForecast.Of(portfolio, policies, now);
            using var http = new HttpClient { BaseAddress = new Uri($"{gateway.BaseUrl}/"), Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
            var report = await new PortfolioSeeder(http, progress => status.Describe(progress)).SeedAsync(portfolio, cancellationToken);
            foreach (var line in Summary(portfolio, forecast, report))
            {
                context.Output.Notice(line);
            }

            status.Set(ResourceState.Finished, $"{report.Accepted("accounts"):N0} accounts, {report.Accepted("invoices"):N0} invoices");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            status.Set(ResourceState.Failed, exception.Message.Split('\n')[0]);
            throw;
        }
    }

    public override Task StopAsync() => Task.CompletedTask;

    private IEnumerable<string> Summary(DemoPortfolio portfolio, DemoForecast forecast, SeedReport report)
    {
        yield return $"demo: seeded {report.Accepted("accounts"):N0} accounts (DEMO-{portfolio.Tag}-*), {report.Accepted("invoices"):N0} invoices, " +
            $"{report.Accepted("payments"):N0} payments, {report.Accepted("disputes"):N0} disputes, {report.Accepted("promises"):N0} promises to pay";
        foreach (var refusal in report.Refusals)
        {
            yield return $"demo: refused: {refusal}";
        }

        var stages = string.Join(", ", forecast.EmailsNowByStage.OrderByDescending(stage => stage.Value).Select(stage => $"{stage.Key} {stage.Value:N0}"));
        yield return $"demo: {forecast.EmailsNow:N0} e-mails to {forecast.AccountsNow:N0} customers go out now ({stages})";
        if (forecast.EmailsWithinHour > 0)
        {
            yield return $"demo: {forecast.EmailsWithinHour:N0} more within the hour as send windows open, the first in {forecast.FirstOpening!.Value.TotalMinutes:0} min";
        }

        var viewer = mail.Settings.GetValueOrDefault("ARSCALE_MAIL_WEB_URL") ?? mail.Settings.GetValueOrDefault("ARSCALE_SMTP_MAILDIR");
        yield return $"demo: watch them arrive: {viewer}";
    }

    public static PolicyCatalog LoadPolicies(string directory)
    {
        var sources = Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .Select(path => new PolicySource(Path.GetFileName(path), File.ReadAllText(path)));
        var result = PolicyCatalog.Build(sources);
        return result.Catalog ?? throw new InvalidOperationException($"The policies in {directory} are invalid: {string.Join("; ", result.Errors)}");
    }
}
