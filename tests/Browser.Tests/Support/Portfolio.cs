using ArScale.Contracts.Events;

namespace ArScale.Browser.Tests.Support;

/// <summary>
/// A small portfolio, seeded the way production gets its data: accounts and invoices through the billing API,
/// collector tasks as the account grains publish them. Notice outcomes are rows in the Notifier's log, written here
/// directly because no Notifier runs in the browser tests.
/// </summary>
public static class Portfolio
{
    public const string Collector = "c-kim";

    public static readonly (string Id, string Name, string Segment)[] Accounts =
    [
        ("BR-1001", "Meridian Logistics GmbH", "standard"),
        ("BR-1002", "Northwind Traders Ltd", "priority"),
        ("BR-1003", "Zhang Wei Trading Co.", "key-account"),
        ("BR-1004", "Atlas Bau AG", "standard"),
        ("BR-1005", "Harbor Foods Inc.", "priority"),
        ("BR-1006", "Meridian Retail SA", "key-account"),
    ];

    public static async Task SeedAsync(ConsoleSystem system)
    {
        foreach (var (id, name, segment) in Accounts)
        {
            await system.CreateAccountAsync(id, name, segment, Collector);
        }

        await system.IssueInvoiceAsync("BR-1001", "INV-1001-A", 3200m, "EUR", daysPastDue: 120);
        await system.IssueInvoiceAsync("BR-1001", "INV-1001-B", 800m, "EUR", daysPastDue: 10);
        await system.IssueInvoiceAsync("BR-1002", "INV-1002-A", 5400m, "USD", daysPastDue: 45);
        await system.IssueInvoiceAsync("BR-1003", "INV-1003-A", 12500m, "EUR", daysPastDue: 75);
        await system.IssueInvoiceAsync("BR-1003", "INV-1003-B", 2000m, "EUR", daysPastDue: -12);
        await system.IssueInvoiceAsync("BR-1004", "INV-1004-A", 950m, "EUR", daysPastDue: 5);
        await system.IssueInvoiceAsync("BR-1005", "INV-1005-A", 2300m, "USD", daysPastDue: 33);
        await system.IssueInvoiceAsync("BR-1006", "INV-1006-A", 7800m, "USD", daysPastDue: 20);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await system.PublishAsync(CollectorTask("BR-1001", "INV-1001-A", 3200m, today.AddDays(-2)));
        await system.PublishAsync(CollectorTask("BR-1003", "INV-1003-A", 12500m, today.AddDays(3)));
        await SeedNoticeLogAsync(system);

        await system.WaitForSummariesAsync([.. Accounts.Select(account => account.Id)]);
        await WaitForTasksAsync(system, 2);
    }

    private static CollectorTaskCreated CollectorTask(string accountId, string invoiceId, decimal amount, DateOnly followUpBy)
    {
        var id = $"{accountId}:collector-30:{invoiceId}:seed:collector";
        return new CollectorTaskCreated(id, accountId, DateTimeOffset.UtcNow, id, Collector, "collector-30", [invoiceId], [new MoneyAmount("EUR", amount)], followUpBy, NotifyOnly: false);
    }

    /// <summary>Twenty-four hours of outcomes: mostly sent, some suppressed (paid meanwhile), a few failed.</summary>
    private static Task SeedNoticeLogAsync(ConsoleSystem system) => system.ScalarAsync<int>("""
        INSERT INTO notice_log (notice_id, kind, account_id, invoice_ids, stage, template_key, channel, locale, recipient, status, attempts, detail,
                                emitted_at, first_attempt_at, last_attempt_at, completed_at, worker)
        SELECT format('%s:overdue-7:seed-%s:email', a.id, n), 'dunning', a.id, ARRAY['INV-seed'], 'overdue-7', 'dunning.overdue', 'email', 'en',
               lower(a.id) || '@example.test',
               CASE WHEN n % 7 = 0 THEN 'Failed' WHEN n % 5 = 0 THEN 'Suppressed' ELSE 'Sent' END, 1,
               CASE WHEN n % 7 = 0 THEN 'SMTP 550 mailbox unavailable' WHEN n % 5 = 0 THEN 'invoice paid' END,
               now() - make_interval(hours => n % 20, mins => 10), now() - make_interval(hours => n % 20, mins => 9),
               now() - make_interval(hours => n % 20, mins => 9), now() - make_interval(hours => n % 20, mins => 9), 'seed'
          FROM unnest(ARRAY['BR-1001', 'BR-1002', 'BR-1003', 'BR-1006']) AS a(id), generate_series(1, 12) AS n
        """);

    private static async Task WaitForTasksAsync(ConsoleSystem system, int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await system.ScalarAsync<long>("SELECT count(*) FROM collector_task WHERE task_id LIKE '%:seed:collector'") >= count)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The collector task projection did not record the seeded tasks in 10 s.");
    }
}
