using ArScale.Contracts.Accounts;
using ArScale.Contracts.Events;
using ArScale.Dunning;
using NoticeDue = ArScale.Contracts.Events.NoticeDue;
using ArScale.Integration.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ArScale.Integration.Tests.Notifier;

/// <summary>
/// What a Notifier needs, real and private to one test class: a migrated database, a virtual host on the
/// broker and a silo holding the accounts. Each test starts the Notifier(s) it needs, configured its way.
/// </summary>
public sealed class NotifierSystem : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();
    private readonly List<IHost> notifiers = [];
    private IHost? silo;

    public RabbitMqVirtualHost Broker { get; } = new();

    public string ClusterId { get; } = $"notifier-{Guid.NewGuid():N}";

    public string Postgres => database.ConnectionString;

    public IGrainFactory Grains => silo!.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(database.InitializeAsync(), Broker.InitializeAsync());
        silo = await SiloHost.StartAsync(database.ConnectionString, ClusterId, "silo-a", rabbitMq: Broker.ConnectionString);
    }

    public async Task<IHost> StartNotifierAsync(string? smtp = null, IDictionary<string, string?>? settings = null)
    {
        var notifier = await NotifierHost.StartAsync(database.ConnectionString, Broker.ConnectionString, ClusterId, smtp, settings);
        notifiers.Add(notifier);
        return notifier;
    }

    /// <summary>An account with one open invoice per amount, due in a month so the account itself owes no notice yet.</summary>
    public Task<string> CreateAccountAsync(string locale, string timeZone, string email, params Money[] invoices) =>
        CreateAccountAsync(locale, timeZone, email, invoices, idSuffix: "");

    /// <param name="idSuffix">Appended to the account's id, e.g. to give it characters of another script.</param>
    public async Task<string> CreateAccountAsync(string locale, string timeZone, string email, Money[] invoices, string idSuffix)
    {
        var accountId = $"acc-{Guid.NewGuid():N}{idSuffix}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var account = Grains.GetGrain<IAccountGrain>(accountId);
        var profile = new AccountProfile(
            "Anna Müller", [new Contact(ContactKind.Email, email), new Contact(ContactKind.Phone, "+49 170 1234567")],
            locale, timeZone, Segment.Standard, null, PaymentTerms.NetDaysFromIssue(30));
        Assert.IsType<CommandResult.Accepted>(await account.Execute(new UpsertProfile($"{accountId}:profile", profile)));
        for (var index = 0; index < invoices.Length; index++)
        {
            Assert.IsType<CommandResult.Accepted>(await account.Execute(
                new IssueInvoice($"{accountId}:invoice-{index + 1}", $"inv-{index + 1}", invoices[index], today, today.AddDays(30))));
        }

        return accountId;
    }

    public Task PublishAsync<T>(T message)
        where T : class =>
        silo!.Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>The notice's log row once it has a final status.</summary>
    public async Task<NoticeLogRow> WaitForOutcomeAsync(string noticeId, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await LogRowAsync(noticeId) is { Status: not ("Sending" or "Retrying") } row)
            {
                return row;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    public async Task<NoticeLogRow?> LogRowAsync(string noticeId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status, attempts, detail, recipient, worker, message_id FROM notice_log WHERE notice_id = @id", connection);
        command.Parameters.AddWithValue("id", noticeId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new NoticeLogRow(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5))
            : null;
    }

    public Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        database.ScalarAsync<long>(sql, parameters);

    /// <summary>
    /// The account's contact history, as the Gateway's history endpoint puts it together (the account's own entries
    /// and the log's Sent ones), once it holds an entry for the notice.
    /// </summary>
    public async Task<ContactAttempt> WaitForContactAsync(string accountId, string noticeId)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var sent = new ArScale.Gateway.Reports.SentContacts(dataSource);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var snapshot = await Grains.GetGrain<IAccountGrain>(accountId).GetSnapshot();
            var history = ContactHistory.Merge(snapshot.Contacts, await sent.OfAccountAsync(accountId, deadline.Token));
            if (history.FirstOrDefault(contact => contact.NoticeId == noticeId) is { } contact)
            {
                return contact;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    /// <summary>Stops every Notifier a test started, so the next test's Notifier is the only consumer.</summary>
    public async Task StopNotifiersAsync()
    {
        foreach (var notifier in notifiers)
        {
            await notifier.StopAsync();
            notifier.Dispose();
        }

        notifiers.Clear();
    }

    public async Task DisposeAsync()
    {
        await StopNotifiersAsync();

        if (silo is not null)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        await Broker.DisposeAsync();
        await database.DisposeAsync();
    }
}

public sealed record NoticeLogRow(string Status, int Attempts, string? Detail, string Recipient, string Worker, string? MessageId);

/// <summary>Notices as the account grain emits them, for tests that need one with particular content.</summary>
public static class Notices
{
    public static NoticeDue Due(
        string accountId, string locale = "en", string timeZone = "Europe/Berlin", string channel = "email",
        IReadOnlyList<string>? recipients = null, string templateKey = "dunning.overdue", string currency = "EUR",
        decimal outstanding = 1234.5m, int daysPastDue = 8, string? noticeId = null, string invoiceId = "inv-1")
    {
        var dueDate = new DateOnly(2026, 11, 15);
        var id = noticeId ?? $"{accountId}:overdue-7:{invoiceId}:{Guid.NewGuid():N}:{channel}";
        return new NoticeDue(
            EventId: id,
            AccountId: accountId,
            OccurredAt: new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero),
            NoticeId: id,
            CustomerName: "Anna Müller",
            Stage: "overdue-7",
            TemplateKey: templateKey,
            Channel: channel,
            Recipients: recipients ?? ["anna@example.test"],
            Locale: locale,
            TimeZone: timeZone,
            Invoices: [new NoticeInvoice(invoiceId, invoiceId, currency, outstanding, dueDate, daysPastDue)],
            TotalOutstanding: [new MoneyAmount(currency, outstanding)],
            Fees: [new FeeLine($"{accountId}:fee", invoiceId, "flat-fee", currency, 15m, new DateOnly(2026, 11, 22))],
            DaysPastDue: daysPastDue,
            CollectorId: null,
            PolicyKey: "standard");
    }
}
