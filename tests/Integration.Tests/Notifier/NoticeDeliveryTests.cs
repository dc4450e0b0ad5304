using ArScale.Contracts.Accounts;
using ArScale.Contracts.Events;
using ArScale.Dunning;
using ArScale.Integration.Tests.Support;
using ArScale.Messaging;
using ContactOutcome = ArScale.Dunning.NoticeOutcome;

namespace ArScale.Integration.Tests.Notifier;

/// <summary>The Notifier against the real broker, database, silo and aiosmtpd sink.</summary>
public sealed class NoticeDeliveryTests(NotifierSystem system) : IClassFixture<NotifierSystem>, IAsyncLifetime
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(30);

    public async Task InitializeAsync() => await system.StartNotifierAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_notice_arrives_as_one_english_email_with_its_amounts_dates_and_fees()
    {
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "anna@example.test", new Money(1234.5m, "EUR"));
        var notice = Notices.Due(accountId, locale: "en", timeZone: "Europe/Berlin", outstanding: 1234.5m);

        await system.PublishAsync(notice);

        var mail = await MailSink.Shared.WaitForAsync(notice.NoticeId, MailTimeout);
        Assert.Equal("anna@example.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("€1,234.50", mail.Subject + mail.TextBody);
        Assert.Contains("€1,234.50", mail.HtmlBody);
        Assert.Contains("15 Nov 2026", mail.TextBody);
        Assert.Contains("€15.00", mail.TextBody);
        Assert.Contains("https://pay.arscale-bank.example/accounts/" + accountId, mail.TextBody);
        Assert.Equal($"{DeterministicGuid.From(notice.NoticeId):N}@arscale-bank.example", mail.MessageId);

        var row = await system.WaitForOutcomeAsync(notice.NoticeId);
        Assert.Equal(("Sent", 1), (row.Status, row.Attempts));
        Assert.False(string.IsNullOrEmpty(row.Detail), "the SMTP server's reply is logged");
        Assert.Equal(ContactOutcome.Sent, (await system.WaitForContactAsync(accountId, notice.NoticeId)).Outcome);
        Assert.Single(await MailSink.Shared.MessagesForAsync(notice.NoticeId));
    }

    [Fact]
    public async Task A_sent_notice_is_recorded_in_the_log_alone_and_the_account_is_not_written_again()
    {
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "once@example.test", new Money(50m, "EUR"));
        var before = await StoredVersionAsync(accountId);
        var notice = Notices.Due(accountId, outstanding: 50m, recipients: ["once@example.test"]);

        await system.PublishAsync(notice);
        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(notice.NoticeId)).Status);
        // An outcome sent to the account would have been recorded by now: a suppression in the same system takes milliseconds.
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(before, await StoredVersionAsync(accountId));
        Assert.Empty((await system.Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot()).Contacts);
        Assert.Equal(ContactOutcome.Sent, (await system.WaitForContactAsync(accountId, notice.NoticeId)).Outcome);
    }

    [Fact]
    public async Task A_customer_name_with_line_breaks_liquid_and_markup_arrives_as_plain_text_on_one_subject_line()
    {
        const string name = "Anna\r\nBcc: victim@example.test {{ 7 | times: 6 }} {% raw %} <script>alert(1)</script>";
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "hostile@example.test", new Money(42m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 42m, recipients: ["hostile@example.test"]) with { CustomerName = name };

        await system.PublishAsync(notice);

        var mail = await MailSink.Shared.WaitForAsync(notice.NoticeId, MailTimeout);
        Assert.DoesNotContain('\r', mail.Subject ?? "");
        Assert.DoesNotContain('\n', mail.Subject ?? "");
        Assert.Empty(mail.Bcc);
        Assert.Equal("hostile@example.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("{{ 7 | times: 6 }} {% raw %}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(" 42 ", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(notice.NoticeId)).Status);
    }

    [Fact]
    public async Task A_courtesy_notice_the_account_grain_emits_itself_reaches_the_customer_and_its_contact_history()
    {
        // Somewhere it is mid-day now, inside the standard policy's 09:00–18:00 send window.
        var zone = WorkingHoursZones.First(id => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(id)).Hour is >= 10 and <= 16);
        var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
        var accountId = $"acc-{Guid.NewGuid():N}";
        var account = system.Grains.GetGrain<Contracts.Accounts.IAccountGrain>(accountId);
        await account.Execute(new UpsertProfile($"{accountId}:profile", new AccountProfile(
            "Grace Hopper", [new Contact(ContactKind.Email, "grace@example.test")], "en", zone, Segment.Standard, null, PaymentTerms.NetDaysFromIssue(30))));

        // Due in three days: the standard policy's courtesy stage is due today.
        await account.Execute(new IssueInvoice($"{accountId}:invoice", "inv-77", new Money(640m, "USD"), localToday.AddDays(-27), localToday.AddDays(3)));

        var noticeId = $"{accountId}:courtesy:inv-77:{localToday.AddDays(3):yyyy-MM-dd}:email";
        var mail = await MailSink.Shared.WaitForAsync(noticeId, MailTimeout);
        Assert.Contains("inv-77", mail.TextBody);
        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(noticeId)).Status);
        Assert.Equal(ContactOutcome.Sent, (await system.WaitForContactAsync(accountId, noticeId)).Outcome);
    }

    private static readonly string[] WorkingHoursZones =
    [
        "Pacific/Kiritimati", "Pacific/Auckland", "Australia/Sydney", "Asia/Tokyo", "Asia/Shanghai", "Asia/Bangkok", "Asia/Kolkata", "Asia/Dubai",
        "Europe/Moscow", "Europe/Berlin", "Europe/London", "Atlantic/Azores", "America/Sao_Paulo", "America/New_York", "America/Chicago",
        "America/Denver", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "Pacific/Pago_Pago",
    ];

    [Fact]
    public async Task A_chinese_notice_uses_chinese_text_yuan_amounts_and_the_customers_calendar_date()
    {
        var accountId = await system.CreateAccountAsync("zh-CN", "Asia/Shanghai", "li.wei@example.test", new Money(8800m, "CNY"));
        var notice = Notices.Due(accountId, locale: "zh-CN", timeZone: "Asia/Shanghai", currency: "CNY", outstanding: 8800m, recipients: ["li.wei@example.test"]);

        await system.PublishAsync(notice);

        var mail = await MailSink.Shared.WaitForAsync(notice.NoticeId, MailTimeout);
        Assert.Contains("¥8,800.00", mail.TextBody);
        Assert.Contains("2026年11月15日", mail.TextBody);

        // Emitted at 23:30 UTC on 23 November: already the 24th in Shanghai.
        Assert.Contains("2026年11月24日", mail.TextBody + mail.HtmlBody);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", mail.Subject);
        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(notice.NoticeId)).Status);
    }

    [Fact]
    public async Task The_same_notice_delivered_three_times_sends_one_email()
    {
        var accountId = await system.CreateAccountAsync("en", "Europe/London", "tom@example.test", new Money(99m, "GBP"));
        var notice = Notices.Due(accountId, currency: "GBP", outstanding: 99m, recipients: ["tom@example.test"]);

        await system.PublishAsync(notice);
        await system.PublishAsync(notice);
        await system.PublishAsync(notice);

        var row = await system.WaitForOutcomeAsync(notice.NoticeId);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(("Sent", 1), (row.Status, (await system.LogRowAsync(notice.NoticeId))!.Attempts));
        Assert.Single(await MailSink.Shared.MessagesForAsync(notice.NoticeId));
    }

    [Fact]
    public async Task A_notice_whose_invoice_was_paid_after_it_was_emitted_is_suppressed_and_not_sent()
    {
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "paid@example.test", new Money(500m, "EUR"));
        var notice = Notices.Due(accountId, outstanding: 500m, recipients: ["paid@example.test"]);
        await system.Grains.GetGrain<Contracts.Accounts.IAccountGrain>(accountId).Execute(
            new RecordPayment($"{accountId}:pay", "pay-1", new Money(500m, "EUR"), DateOnly.FromDateTime(DateTime.UtcNow)));

        await system.PublishAsync(notice);

        var row = await system.WaitForOutcomeAsync(notice.NoticeId);
        Assert.Equal("Suppressed", row.Status);
        Assert.Equal("invoice inv-1 is paid", row.Detail);
        Assert.Equal(ContactOutcome.Suppressed, (await system.WaitForContactAsync(accountId, notice.NoticeId)).Outcome);
        Assert.Empty(await MailSink.Shared.MessagesForAsync(notice.NoticeId));
    }

    [Fact]
    public async Task A_notice_whose_account_is_unchanged_since_it_was_decided_is_sent_on_the_claims_word_without_asking_the_account()
    {
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "same@example.test", new Money(300m, "EUR"));
        var stored = await AccountVersionAsync(accountId);
        // An invoice the account does not know: asked, the account would suppress the notice as unknown. Sent, it
        // shows the claim's version, unchanged, answered instead of the account.
        var notice = Notices.Due(accountId, outstanding: 300m, recipients: ["same@example.test"], invoiceId: "inv-not-asked") with { AccountVersion = stored };

        await system.PublishAsync(notice);

        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(notice.NoticeId)).Status);
        Assert.Single(await MailSink.Shared.MessagesForAsync(notice.NoticeId));
    }

    [Fact]
    public async Task A_payment_after_the_decision_moves_the_accounts_version_so_the_account_is_asked_and_the_notice_suppressed()
    {
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "moved@example.test", new Money(400m, "EUR"));
        var decided = await AccountVersionAsync(accountId);
        var notice = Notices.Due(accountId, outstanding: 400m, recipients: ["moved@example.test"]) with { AccountVersion = decided };
        await system.Grains.GetGrain<Contracts.Accounts.IAccountGrain>(accountId).Execute(
            new RecordPayment($"{accountId}:pay", "pay-1", new Money(400m, "EUR"), DateOnly.FromDateTime(DateTime.UtcNow)));
        Assert.True(await AccountVersionAsync(accountId) > decided);

        await system.PublishAsync(notice);

        var row = await system.WaitForOutcomeAsync(notice.NoticeId);
        Assert.Equal(("Suppressed", "invoice inv-1 is paid"), (row.Status, row.Detail));
        Assert.Empty(await MailSink.Shared.MessagesForAsync(notice.NoticeId));
    }

    private Task<long> AccountVersionAsync(string accountId) =>
        system.ScalarAsync("SELECT account_version FROM account_state WHERE account_id = @id", ("id", accountId));

    [Fact]
    public async Task A_collector_task_reaches_the_manager_when_the_account_has_no_known_collector()
    {
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "owes@example.test", new Money(2500m, "EUR"));
        var task = new CollectorTaskCreated(
            $"{accountId}:collector-30:inv-1:2026-11-15:collector", accountId, DateTimeOffset.UtcNow, $"{accountId}:collector-30:inv-1:2026-11-15:collector",
            "c-unknown", "collector-30", ["inv-1"], [new MoneyAmount("EUR", 2500m)], new DateOnly(2026, 11, 28), NotifyOnly: false);

        await system.PublishAsync(task);

        var mail = await MailSink.Shared.WaitForAsync(task.TaskId, MailTimeout);
        Assert.Equal("collections-manager@arscale-bank.example", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains(accountId, mail.TextBody);
        Assert.Contains("€2,500.00", mail.TextBody);
        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(task.TaskId)).Status);
    }

    [Fact]
    public async Task A_monthly_statement_reaches_the_customer_with_confirm_and_dispute_links()
    {
        var accountId = await system.CreateAccountAsync("en", "America/New_York", "ap@example.test", new Money(300m, "USD"));
        var statementId = $"{accountId}:statement:2026-11-30";
        var statement = new StatementIssued(
            statementId, accountId, DateTimeOffset.UtcNow, statementId, "Acme Corp", ["ap@example.test"], "en", "America/New_York",
            new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), ["inv-1"], [new MoneyAmount("USD", 300m)]);

        await system.PublishAsync(statement);

        var mail = await MailSink.Shared.WaitForAsync(statementId, MailTimeout);
        Assert.Contains("$300.00", mail.TextBody);
        Assert.Contains("/confirm", mail.TextBody);
        Assert.Contains("/dispute", mail.TextBody);
        Assert.Equal(ContactOutcome.Sent, (await system.WaitForContactAsync(accountId, statementId)).Outcome);
    }

    private Task<long> StoredVersionAsync(string accountId) =>
        system.ScalarAsync("SELECT version::bigint FROM account_state WHERE account_id = @account", ("account", accountId));
}
