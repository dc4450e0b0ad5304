using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ArScale.Integration.Tests.Startup;

/// <summary>
/// The README's run command end to end: everything comes up healthy in order, the user is told where to look
/// and how to log in, the demo's notices reach the mail sink within a minute, every service serves Prometheus
/// metrics, the dashboard wants the login, and a service that dies is started again.
/// </summary>
[Collection(RunCommandCollection.Name)]
public sealed class RunCommandTests(RunningSystem system) : IClassFixture<RunningSystem>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private AppHostRun Run => system.Run;

    private string Url(int offset) => $"http://127.0.0.1:{(Run.HttpBase + offset).ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task Every_service_runs_healthy_with_its_pid_and_address_and_the_start_took_under_a_minute_and_a_half()
    {
        foreach (var (replica, offset) in new[] { ("silo-1", 1), ("silo-2", 2), ("gateway", 0), ("notifier-1", 11) })
        {
            Assert.Matches($@"(?m)^\[apphost\] {replica}: running \(pid \d+, {Url(offset)}\)$", Run.Output);
            Assert.Equal("Healthy", await Http.GetStringAsync($"{Url(offset)}/health"));
        }

        Assert.Matches(@"(?m)^\[apphost\] migrations: finished", Run.Output);
        Assert.True(system.StartedIn < TimeSpan.FromSeconds(90), $"start took {system.StartedIn}");
    }

    [Fact]
    public void The_user_is_told_the_console_address_and_login_the_mail_and_the_metrics()
    {
        Assert.Contains($"Console      {Url(0)}/console/   user admin   password {Run.AdminPassword}", Run.Output, StringComparison.Ordinal);
        Assert.Contains($"Dashboard    {Url(1)}/dashboard", Run.Output, StringComparison.Ordinal);
        Assert.Contains($"Mail         {Path.Combine(Run.StateDirectory, "mail")}", Run.Output, StringComparison.Ordinal);
        Assert.Contains($"{Url(11)}/metrics", Run.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Run.StateDirectory, "logs", "<service>.log"), Run.Output, StringComparison.Ordinal);
        Assert.True(File.ReadAllLines(Path.Combine(Run.StateDirectory, "logs", "gateway.log")).Length > 5, "the gateway's log file");
    }

    [Fact]
    public async Task The_demo_portfolio_sends_notices_that_reach_the_mail_sink_within_a_minute()
    {
        var seeded = await Run.WaitForLineAsync(@"^\[apphost\] demo: (?<emails>[\d,]+) e-mails to", TimeSpan.FromSeconds(5));
        var expected = int.Parse(seeded.Groups["emails"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var maildir = Path.Combine(Run.StateDirectory, "mail", "new");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        while (CountMail(maildir) < expected && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500);
        }

        Assert.True(expected > 20, $"the demo promised only {expected} e-mails");
        Assert.True(CountMail(maildir) >= expected, $"{CountMail(maildir)} of {expected} e-mails arrived within {clock.Elapsed.TotalSeconds:0} s of seeding");
    }

    [Fact]
    public async Task Every_service_serves_prometheus_metrics_with_arscales_own()
    {
        await Run.WaitForLineAsync(@"^\[apphost\] demo: (?<emails>[\d,]+) e-mails to", TimeSpan.FromSeconds(5));
        var expectations = new Dictionary<string, string>
        {
            [Url(0)] = "arscale_invoices_ingested_total",
            [Url(1)] = "arscale_bus_queue_messages{",
            [Url(2)] = "arscale_bus_queue_messages{",
            // The queue gauges, not the outcome counters: another test restarts this notifier, and a new process counts from zero.
            [Url(11)] = "queue=\"notice-due\"",
        };

        foreach (var (service, metric) in expectations)
        {
            var text = await EventuallyAsync(() => Http.GetStringAsync($"{service}/metrics"), text => text.Contains(metric, StringComparison.Ordinal));
            Assert.Contains("# TYPE ", text, StringComparison.Ordinal);
            Assert.Contains(metric, text, StringComparison.Ordinal);
        }

        var silos = await Http.GetStringAsync($"{Url(1)}/metrics") + await Http.GetStringAsync($"{Url(2)}/metrics");
        Assert.Contains("arscale_notices_emitted_total{", silos, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printed_admin_login_opens_the_console_whose_system_page_sees_the_brokers_queues()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri($"{Url(0)}/") };

        using var signIn = await browser.PostAsJsonAsync("console/session", new { name = "admin", password = Run.AdminPassword });
        var session = await browser.GetFromJsonAsync<JsonElement>("console/session");
        var queues = await browser.GetFromJsonAsync<JsonElement>("api/v1/system/queues");

        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        Assert.Equal("admin", session.GetProperty("role").GetString());
        Assert.True(queues.GetProperty("configured").GetBoolean(), queues.ToString());
        Assert.Contains(queues.GetProperty("queues").EnumerateArray(), queue => queue.GetProperty("name").GetString() == "notice-due");
    }

    [Fact]
    public async Task The_orleans_dashboard_refuses_anonymous_visitors_and_opens_with_the_printed_login()
    {
        using var anonymous = await Http.GetAsync($"{Url(1)}/dashboard/");
        using var wrong = await Http.SendAsync(Dashboard("admin", "not-the-password"));
        using var admin = await Http.SendAsync(Dashboard("admin", Run.AdminPassword));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task A_notifier_that_dies_is_started_again_and_the_terminal_says_so()
    {
        var before = Run.RunningPid("notifier-1");

        Run.Signal(before, AppHostRun.SigKill);

        await Run.WaitForLineAsync($@"^\[apphost\] notifier-1 \(pid {before}\) exited with code 137 after \d+ s; restarting in \d+ s \(restart 1", TimeSpan.FromSeconds(10));
        await Run.WaitForLineAsync(@"^\[apphost\] notifier-1 restarted and healthy", TimeSpan.FromSeconds(60));
        var after = Run.RunningPid("notifier-1");
        Assert.NotEqual(before, after);
        Assert.Equal("Healthy", await Http.GetStringAsync($"{Url(11)}/health"));
    }

    private HttpRequestMessage Dashboard(string user, string password) => new(HttpMethod.Get, $"{Url(1)}/dashboard/")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))) },
    };

    private static int CountMail(string maildir) => Directory.Exists(maildir) ? Directory.EnumerateFiles(maildir).Count() : 0;

    /// <summary>Metrics are read on a scrape: the first one after a burst may not show every counter yet.</summary>
    private static async Task<string> EventuallyAsync(Func<Task<string>> read, Func<string, bool> done)
    {
        var text = "";
        for (var attempt = 0; attempt < 20 && !done(text); attempt++)
        {
            text = await read();
            if (!done(text))
            {
                await Task.Delay(500);
            }
        }

        return text;
    }
}
