using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArScale.Contracts.Events;

namespace ArScale.Integration.Tests.Gateway;

/// <summary>
/// The reads the console is built on, each an /api/v1 endpoint over SQL (or Orleans' management grain and
/// RabbitMQ's management API for the system page), never a fan-out to account grains.
/// </summary>
public sealed class ConsoleReadApiTests(ConsoleSystem system) : IClassFixture<ConsoleSystem>
{
    [Fact]
    public async Task Accounts_are_found_by_the_start_of_their_id_or_of_the_customers_name_in_any_case()
    {
        var prefix = $"SRCH{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        var first = await system.CreateAccountAsync($"{prefix}-1", "Zhang Wei Trading");
        var second = await system.CreateAccountAsync($"{prefix}-2", $"{prefix} Ünal Bau");
        await system.WaitForSummariesAsync(first, second);
        using var reports = system.Client(ConsoleSystem.ReportsKey);

        var byId = await reports.GetFromJsonAsync<JsonElement>($"api/v1/accounts?q={prefix}-");
        var byName = await reports.GetFromJsonAsync<JsonElement>("api/v1/accounts?q=zhang%20wei");
        var exactFirst = await reports.GetFromJsonAsync<JsonElement>($"api/v1/accounts?q={Uri.EscapeDataString(second)}");

        Assert.Equal([first, second], Ids(byId));
        Assert.Contains(first, Ids(byName));
        Assert.Equal(second, Ids(exactFirst)[0]);
    }

    [Fact]
    public async Task Search_wildcards_are_taken_literally_and_a_blank_query_is_400()
    {
        using var reports = system.Client(ConsoleSystem.ReportsKey);

        var percent = await reports.GetFromJsonAsync<JsonElement>("api/v1/accounts?q=%25");
        using var blank = await reports.GetAsync("api/v1/accounts?q=%20");
        using var tooBig = await reports.GetAsync("api/v1/accounts?q=a&pageSize=1000");

        Assert.Equal(0, percent.GetProperty("total").GetInt64());
        Assert.Equal("q", await Answers.ProblemFieldAsync(blank));
        Assert.Equal("pageSize", await Answers.ProblemFieldAsync(tooBig));
    }

    [Theory]
    [InlineData("api/v1/notices?page=2147483647")]
    [InlineData("api/v1/accounts?q=a&page=2147483647")]
    public async Task A_page_too_deep_to_compute_is_400_naming_the_page(string path)
    {
        using var reports = system.Client(ConsoleSystem.ReportsKey);

        using var response = await reports.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("page", await Answers.ProblemFieldAsync(response));
    }

    [Fact]
    public async Task The_notice_log_filters_by_account_and_status_and_masks_recipients()
    {
        var accountId = $"NL-{Guid.NewGuid():N}"[..16];
        await InsertNoticeAsync($"{accountId}:overdue-7:INV-1:2026-11-20:email", accountId, "Sent", "anna.schmidt@example.com", completedMinutesAgo: 5);
        await InsertNoticeAsync($"{accountId}:overdue-15:INV-1:2026-11-28:email", accountId, "Failed", "anna.schmidt@example.com", completedMinutesAgo: 2);
        using var reports = system.Client(ConsoleSystem.ReportsKey);

        var all = await reports.GetFromJsonAsync<JsonElement>($"api/v1/notices?accountId={accountId}");
        var failed = await reports.GetFromJsonAsync<JsonElement>($"api/v1/notices?accountId={accountId}&status=Failed");
        using var badStatus = await reports.GetAsync("api/v1/notices?status=Lost");

        Assert.Equal(2, all.GetProperty("total").GetInt64());
        var notice = Assert.Single(failed.GetProperty("items").EnumerateArray());
        Assert.Equal("overdue-15", notice.GetProperty("stage").GetString());
        Assert.Equal("a***@example.com", notice.GetProperty("recipient").GetString());
        Assert.DoesNotContain("anna.schmidt", all.ToString(), StringComparison.Ordinal);
        Assert.Equal("status", await Answers.ProblemFieldAsync(badStatus));
    }

    [Fact]
    public async Task Notices_per_hour_count_outcomes_in_the_hour_they_were_reached_and_the_notifier_figure_counts_the_last_minute()
    {
        var accountId = $"NH-{Guid.NewGuid():N}"[..16];
        await InsertNoticeAsync($"{accountId}:due:INV-1:2026-11-20:email", accountId, "Sent", "x@example.com", completedMinutesAgo: 0);
        await InsertNoticeAsync($"{accountId}:due:INV-2:2026-11-20:email", accountId, "Suppressed", "x@example.com", completedMinutesAgo: 0);
        using var reports = system.Client(ConsoleSystem.ReportsKey);

        var perHour = await reports.GetFromJsonAsync<JsonElement>("api/v1/reports/notices-per-hour?hours=24");
        var notifier = await reports.GetFromJsonAsync<JsonElement>("api/v1/system/notifier");

        var counts = perHour.GetProperty("hours").EnumerateArray().GroupBy(row => row.GetProperty("status").GetString()!).ToDictionary(group => group.Key, group => group.Sum(row => row.GetProperty("notices").GetInt64()));
        Assert.True(counts.GetValueOrDefault("Sent") >= 1);
        Assert.True(counts.GetValueOrDefault("Suppressed") >= 1);
        Assert.True(notifier.GetProperty("sentLastMinute").GetInt64() >= 1);
    }

    [Fact]
    public async Task The_system_view_shows_the_silo_with_its_activations_and_outbox_and_the_brokers_queues()
    {
        await system.CreateAccountAsync();
        using var reports = system.Client(ConsoleSystem.ReportsKey);

        // The silo reports every second and RabbitMQ refreshes its figures every few: wait for both to catch up.
        var silo = await EventuallyAsync(reports, "api/v1/system/silos", cluster => cluster.GetProperty("silos").EnumerateArray()
            .FirstOrDefault(candidate => candidate.GetProperty("reportedAt").ValueKind == JsonValueKind.String && candidate.GetProperty("outboxDepth").GetInt64() == 0));
        var queue = await EventuallyAsync(reports, "api/v1/system/queues", queues => queues.GetProperty("queues").EnumerateArray()
            .FirstOrDefault(candidate => candidate.GetProperty("name").GetString() == "account-summary-projection" && candidate.GetProperty("consumers").GetInt32() == 1));

        Assert.Equal("silo-a", silo.GetProperty("name").GetString());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.True(silo.GetProperty("activations").GetInt32() >= 1);
        Assert.False(silo.GetProperty("stale").GetBoolean());
        Assert.Equal(0, queue.GetProperty("ready").GetInt64());
    }

    [Fact]
    public async Task A_collectors_queue_answers_amounts_in_the_apis_own_casing()
    {
        var accountId = await system.CreateAccountAsync(collectorId: "c-queue");
        await system.IssueInvoiceAsync(accountId, "INV-Q", 480m, "EUR", daysPastDue: 40);
        var taskId = $"{accountId}:collector-30:INV-Q:collector";
        await system.PublishAsync(new CollectorTaskCreated(
            taskId, accountId, DateTimeOffset.UtcNow, taskId, "c-queue", "collector-30",
            ["INV-Q"], [new MoneyAmount("EUR", 480m)], DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5), NotifyOnly: false));
        using var reports = system.Client(ConsoleSystem.ReportsKey);

        // The account's own grain may open its collector task for the same invoice too: the one published here is looked up by its id.
        var task = await EventuallyAsync(reports, "api/v1/reports/collectors/c-queue/queue", queue =>
            queue.EnumerateArray().FirstOrDefault(item => item.GetProperty("taskId").GetString() == taskId));

        var amount = Assert.Single(task.GetProperty("amountOverdue").EnumerateArray());
        Assert.Equal("EUR", amount.GetProperty("currency").GetString());
        Assert.Equal(480m, amount.GetProperty("amount").GetDecimal());
    }

    /// <summary>Asks until <paramref name="pick"/> finds what it looks for (up to 15 s), and returns it.</summary>
    private static async Task<JsonElement> EventuallyAsync(HttpClient client, string path, Func<JsonElement, JsonElement> pick)
    {
        var last = default(JsonElement);
        for (var attempt = 0; attempt < 75; attempt++)
        {
            last = await client.GetFromJsonAsync<JsonElement>(path);
            if (pick(last) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{path} never showed what the test waited for; last answer: {last}");
        return last;
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("accountId").GetString()!)];

    /// <summary>A row as the Notifier writes it once it has an outcome; the Notifier itself is tested in Notifier/.</summary>
    private Task InsertNoticeAsync(string noticeId, string accountId, string status, string recipient, int completedMinutesAgo) =>
        system.ScalarAsync<int>("""
            INSERT INTO notice_log (notice_id, kind, account_id, invoice_ids, stage, template_key, channel, locale, recipient, status, attempts,
                                    emitted_at, first_attempt_at, last_attempt_at, completed_at, worker)
            VALUES (@id, 'dunning', @account, '{INV-1}', split_part(@id, ':', 2), 'dunning.overdue', 'email', 'en', @recipient, @status, 1,
                    now() - make_interval(mins => @ago + 1), now() - make_interval(mins => @ago), now() - make_interval(mins => @ago), now() - make_interval(mins => @ago), 'test')
            """,
            ("id", noticeId), ("account", accountId), ("recipient", recipient), ("status", status), ("ago", completedMinutesAgo));
}
