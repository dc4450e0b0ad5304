using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ArScale.Contracts.Billing;
using ArScale.Load.Infrastructure;
using ArScale.Load.Scenarios.Ingest;
using MassTransit;
using Npgsql;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// PostgreSQL restarted (<c>pg_ctl restart -m fast</c>, or <paramref name="immediate"/>: <c>-m immediate</c>, a crash
/// and recovery) at 30 % of an ingest on accounts the run created: invoices over HTTP in batches, each retried with
/// its Idempotency-Key on a 5xx as a billing system does, and one in ten over AMQP. Afterwards every acknowledged
/// invoice is stored exactly once (sales ledger and the accounts' stored states), every account with an open invoice
/// has its reminder, the error queues are empty, and every 5xx fell inside the restart window.
/// </summary>
public sealed class DatabaseRestart(bool immediate) : GatewayFault
{
    private const int BatchSize = 500;
    private const int Clients = 4;
    private static readonly TimeSpan BatchDeadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(3);

    /// <summary>A Gateway that answers 5xx a little after the database is back (its pool reconnecting) is still inside the fault.</summary>
    private static readonly TimeSpan WindowGrace = TimeSpan.FromSeconds(15);

    public override string Name => immediate ? "db-restart-immediate" : "db-restart";

    public override string How(FaultSettings settings) => Invariant(
        $"`pg_ctl restart -m {(immediate ? "immediate" : "fast")}` at 30 % of {settings.Invoices:N0} invoices over HTTP (batches of {BatchSize}, 5xx retried with the same Idempotency-Key) and {settings.Invoices / 10:N0} over AMQP");

    public override async Task<FaultRow> RunAsync(GatewayTarget target, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var httpInvoices = target.Settings.Invoices;
        var amqpInvoices = httpInvoices / 10;
        var accounts = Math.Max(1, (httpInvoices + amqpInvoices) / 10);
        using var api = new BillingApiClient(target.Gateway, target.ApiKey, Clients);
        var serverErrors = new ConcurrentQueue<DateTimeOffset>();
        var problems = new ConcurrentQueue<string>();

        await AnsiConsole.Status().StartAsync(Invariant($"Creating {accounts:N0} accounts..."), _ =>
            Parallel.ForEachAsync(Enumerable.Range(0, (accounts + BatchSize - 1) / BatchSize), cancellationToken, async (batch, token) =>
            {
                var items = Enumerable.Range(batch * BatchSize, Math.Min(BatchSize, accounts - (batch * BatchSize))).Select(index => AccountItem(target.RunId, index)).ToList();
                await SendAsync(() => api.UpsertAccountsAsync(items, Invariant($"{target.RunId}-accounts-{batch}"), token), serverErrors, problems, token);
            }));

        var batches = (httpInvoices + BatchSize - 1) / BatchSize;
        var acknowledged = 0;
        var next = -1;
        var restartAt = (int)Math.Ceiling(batches * 0.3);
        var restart = new TaskCompletionSource<(DateTimeOffset Start, DateTimeOffset End)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();

        async Task ClientAsync()
        {
            while (Interlocked.Increment(ref next) is var batch && batch < batches)
            {
                var items = Enumerable.Range(batch * BatchSize, Math.Min(BatchSize, httpInvoices - (batch * BatchSize)))
                    .Select(index => InvoiceItem(target.RunId, index, accounts, today)).ToList();
                await SendAsync(() => api.IssueInvoicesAsync(items, Invariant($"{target.RunId}-invoices-{batch}"), cancellationToken), serverErrors, problems, cancellationToken);
                if (Interlocked.Increment(ref acknowledged) == restartAt)
                {
                    _ = RestartAsync();
                }
            }
        }

        async Task RestartAsync()
        {
            try
            {
                var start = DateTimeOffset.UtcNow;
                await target.Infra.ControlAsync("postgres", ["restart", "-m", immediate ? "immediate" : "fast"], cancellationToken);
                restart.SetResult((start, DateTimeOffset.UtcNow));
            }
            catch (Exception exception)
            {
                restart.SetException(exception);
            }
        }

        async Task PublishAsync()
        {
            // Spread over the HTTP ingest, so some land during the restart.
            for (var index = 0; index < amqpInvoices; index++)
            {
                var message = new InvoiceIssued(
                    AccountId: AccountId(target.RunId, (httpInvoices + index) % accounts), InvoiceId: InvoiceId(target.RunId, httpInvoices + index),
                    Amount: 100m, Currency: "EUR", IssueDate: today, DueDate: today.AddDays(30));
                await RetryPublishAsync(target.Client.Bus, message, problems, cancellationToken);
                if (index % 20 == 19)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
                }
            }
        }

        await AnsiConsole.Status().StartAsync(Invariant($"Issuing {httpInvoices:N0} invoices over HTTP and {amqpInvoices:N0} over AMQP; the database restarts at 30 %..."), _ =>
            Task.WhenAll([.. Enumerable.Range(0, Clients).Select(_ => Task.Run(ClientAsync, cancellationToken)), Task.Run(PublishAsync, cancellationToken)]));
        var window = await restart.Task.WaitAsync(BatchDeadline, cancellationToken);
        var hitSeconds = (window.Start - (DateTimeOffset.UtcNow - clock.Elapsed)).TotalSeconds;

        var expected = httpInvoices + amqpInvoices;
        var stored = await SettledAsync(target, expected, accounts, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(6), cancellationToken);
        var errorQueues = await target.System.Rabbit.ErrorQueuesAsync(target.System.VirtualHost, cancellationToken);

        var failures = problems.Take(5).ToList();
        if (stored.Sales != expected)
        {
            failures.Add(Invariant($"sales ledger holds {stored.Sales:N0} invoices of {expected:N0}"));
        }

        if (stored.InStates != expected || stored.DistinctInStates != expected)
        {
            failures.Add(Invariant($"the accounts' stored states hold {stored.InStates:N0} invoices ({stored.DistinctInStates:N0} distinct) of {expected:N0}"));
        }

        if (stored.WithReminder < accounts)
        {
            failures.Add(Invariant($"{accounts - stored.WithReminder:N0} of {accounts:N0} accounts with open invoices have no reminder"));
        }

        if (errorQueues.Values.Sum() > 0)
        {
            failures.Add("error queues: " + string.Join(", ", errorQueues.Where(entry => entry.Value > 0).Select(entry => $"{entry.Key} {entry.Value}")));
        }

        var outside = serverErrors.Count(at => at < window.Start - TimeSpan.FromSeconds(1) || at > window.End + WindowGrace);
        if (outside > 0)
        {
            failures.Add(Invariant($"{outside} 5xx outside the restart window"));
        }

        return new FaultRow(
            Name, How(target.Settings), accounts, hitSeconds, httpInvoices - (restartAt * BatchSize), RecoverySeconds: null,
            Lost: Math.Max(0, expected - stored.Sales), Duplicated: Math.Max(0, stored.InStates - stored.DistinctInStates), AllowedDuplicates: 0, Failed: 0,
            ServerErrors: serverErrors.Count, failures,
            Invariant($"restart took {(window.End - window.Start).TotalSeconds:0.0} s; {serverErrors.Count} 5xx answers, each retried with its key"),
            [], DateTimeOffset.UtcNow);
    }

    /// <summary>Sends until the answer is not a server error (the client retries a 5xx or a dropped connection with the same key).</summary>
    private static async Task SendAsync(Func<Task<BatchResult>> send, ConcurrentQueue<DateTimeOffset> serverErrors, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + BatchDeadline;
        while (true)
        {
            BatchResult result;
            try
            {
                result = await send();
            }
            catch (HttpRequestException exception)
            {
                result = BatchResult.Failed(503, exception.Message);
            }

            if (!result.RequestFailed)
            {
                if (result.Rejected > 0)
                {
                    problems.Enqueue($"a batch had {result.Rejected} rejected item(s): {result.Problem}");
                }

                return;
            }

            if (result.StatusCode < 500)
            {
                problems.Enqueue($"a batch was refused: {result.Problem}");
                return;
            }

            serverErrors.Enqueue(DateTimeOffset.UtcNow);
            if (DateTimeOffset.UtcNow > deadline)
            {
                problems.Enqueue($"a batch still failed after {BatchDeadline.TotalMinutes:0} min: {result.Problem}");
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private static async Task RetryPublishAsync(IBus bus, InvoiceIssued message, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + BatchDeadline;
        while (true)
        {
            try
            {
                await bus.Publish(message, cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                problems.Enqueue($"invoice {message.InvoiceId} could not be published: {exception.Message}");
                return;
            }
        }
    }

    /// <summary>Waits until the AMQP consumer has caught up (it retries while the database is away), then counts.</summary>
    private static async Task<(long Sales, long InStates, long DistinctInStates, long WithReminder)> SettledAsync(
        GatewayTarget target, long expected, int accounts, CancellationToken cancellationToken)
    {
        await using var database = NpgsqlDataSource.Create(target.System.Database.ConnectionString);
        var deadline = DateTimeOffset.UtcNow + SettleTimeout;
        long sales;
        do
        {
            sales = await ScalarAsync(database, "SELECT count(*) FROM invoice_sale WHERE account_id LIKE @prefix", target, cancellationToken);
            if (sales >= expected)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        while (DateTimeOffset.UtcNow < deadline);

        await using var command = database.CreateCommand("""
            WITH state AS (
                SELECT convert_from(payload, 'UTF8')::jsonb AS j FROM account_state WHERE service_id = @service AND payload IS NOT NULL),
            invoice AS (
                SELECT j->'account'->>'accountId' AS account_id, i->>'id' AS invoice_id
                  FROM state, jsonb_array_elements(coalesce(j->'account'->'invoices', '[]'::jsonb)) i
                 WHERE j->'account'->>'accountId' LIKE @prefix)
            SELECT count(*), count(DISTINCT (account_id, invoice_id)),
                   (SELECT count(DISTINCT grain_id) FROM orleans_reminder WHERE service_id = @service)
              FROM invoice
            """);
        command.Parameters.AddWithValue("service", target.System.Settings.ClusterId);
        command.Parameters.AddWithValue("prefix", AccountPrefix(target.RunId) + "%");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (sales, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql, GatewayTarget target, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("prefix", AccountPrefix(target.RunId) + "%");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string AccountPrefix(string runId) => $"DBR-{runId}-";

    private static string AccountId(string runId, int index) => string.Create(CultureInfo.InvariantCulture, $"{AccountPrefix(runId)}{index:D6}");

    private static string InvoiceId(string runId, int index) => string.Create(CultureInfo.InvariantCulture, $"INV-{runId}-{index:D7}");

    private static object AccountItem(string runId, int index)
    {
        var accountId = AccountId(runId, index);
        return new
        {
            accountId,
            account = new
            {
                requestId = $"{accountId}-created",
                name = string.Create(CultureInfo.InvariantCulture, $"Customer {index}"),
                contacts = new[] { new { kind = "email", address = string.Create(CultureInfo.InvariantCulture, $"customer{index}@load.example.test") } },
                locale = "en",
                timeZone = "Europe/Berlin",
                segment = "standard",
                paymentTerms = new { kind = "net", netDays = 30 },
            },
        };
    }

    private static object InvoiceItem(string runId, int index, int accounts, DateOnly today) => new
    {
        accountId = AccountId(runId, index % accounts),
        invoiceId = InvoiceId(runId, index),
        amount = 100m,
        currency = "EUR",
        issueDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        dueDate = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
