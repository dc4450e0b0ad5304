using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Notifier;
using Npgsql;
using Spectre.Console;
using static ArScale.Load.Infrastructure.RunProgress;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Ingest;

/// <summary>
/// One ingest measurement on a system of its own (fresh database, virtual host and cluster id): silos and a Gateway
/// up, the accounts created through the bulk endpoint, then every invoice through <c>POST /api/v1/invoices/batch</c>
/// by C concurrent clients, flat out or at a fixed rate. A batch's 2xx means each accepted invoice is stored by its
/// account grain. Afterwards the sales ledger must hold every invoice, and the portfolio projection must reach
/// the invoices' total (its lag is reported).
/// </summary>
public sealed class IngestRun(IngestSettings settings, LoadInfra infra, ServiceProcesses processes, string runId)
{
    private static readonly TimeSpan ProjectionTimeout = TimeSpan.FromSeconds(300);

    public async Task<IngestRunResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var system = await RunSystem.CreateAsync(infra, processes, runId, settings.KeepData, cancellationToken);
        for (var index = 1; index <= settings.Silos; index++)
        {
            var name = Invariant($"silo-{index}");
            await system.StartAsync(name, "healthy", services => services.StartSiloAsync(name, cancellationToken));
        }

        var apiKey = ApiKeys.NewKey();
        var gateway = await system.StartAsync("gateway", "healthy, load key bootstrapped", services => services.StartGatewayAsync("gateway", apiKey, cancellationToken));
        using var api = new BillingApiClient(new Uri(Invariant($"http://127.0.0.1:{gateway.HttpPort}/")), apiKey, settings.Clients);
        var catalog = new IngestCatalog(runId, settings, DateOnly.FromDateTime(DateTime.UtcNow));

        var accounts = await Timed(() => WithCountedProgress(
            Invariant($"Creating {settings.Accounts:N0} accounts (POST /api/v1/accounts/batch, 1,000 per batch)"), settings.Accounts,
            advance => CreateAccountsAsync(api, catalog, advance, cancellationToken)));

        await using var counters = new NoticeLogQueries(system.Database.ConnectionString);
        // Backends flush their statistics within 10 s of going idle: the set-up's must be in before the baseline.
        await Task.Delay(TimeSpan.FromSeconds(11), cancellationToken);
        await QuietMachine.WaitAsync(settings.QuietWait, cancellationToken);
        var countersBefore = await counters.CountersAsync(cancellationToken);

        var cpuComponents = infra.ComponentPids()
            .Concat(system.Started.Select(service => new CpuComponent(service.Name.StartsWith("silo", StringComparison.Ordinal) ? "silos" : service.Name, service.Id)))
            .Append(CpuComponent.LoadTool).ToList();
        var cpuStart = CpuSnapshot.Take(cpuComponents);
        var timeline = new CpuTimeline(cpuComponents);
        InvoiceTraffic traffic;
        try
        {
            traffic = await SendInvoicesAsync(api, catalog, system, cancellationToken);
        }
        finally
        {
            await timeline.DisposeAsync();
        }

        var cpu = CpuUsage.Between(cpuStart, CpuSnapshot.Take(cpuComponents));
        var databaseWork = (await counters.CountersAsync(cancellationToken)).Minus(countersBefore);
        var stored = await Step("sales ledger", "counted", () => CountSalesAsync(system.Database.ConnectionString, cancellationToken));
        var projection = await Timed(() => Step("projection", Invariant($"account_balance totals {catalog.TotalAmount:N2} {IngestCatalog.Currency}"),
            () => WaitForProjectionAsync(system.Database.ConnectionString, catalog.TotalAmount, cancellationToken)));

        return IngestRunResult.From(settings, traffic, stored, cpu, timeline, databaseWork, accounts.Elapsed, projection.Elapsed);
    }

    private async Task CreateAccountsAsync(BillingApiClient api, IngestCatalog catalog, Action<int> advance, CancellationToken cancellationToken)
    {
        const int perBatch = 1000;
        var batches = Enumerable.Range(0, (settings.Accounts + perBatch - 1) / perBatch);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = settings.Clients, CancellationToken = cancellationToken }, async (batch, token) =>
        {
            var indexes = Enumerable.Range(batch * perBatch, Math.Min(perBatch, settings.Accounts - (batch * perBatch)));
            var result = await api.UpsertAccountsAsync([.. indexes.Select(catalog.AccountItem)], Invariant($"{runId}-accounts-{batch}"), token);
            if (result.RequestFailed || result.Rejected > 0)
            {
                throw new LoadFailedException($"creating accounts failed: {result.Problem}");
            }

            advance(result.Accepted + result.Duplicate);
        });
    }

    /// <summary>
    /// Sends every batch. At a fixed rate each batch has an intended start, and its latency counts from then, so a
    /// system that falls behind shows it in the percentiles instead of slowing the offered load (coordinated omission).
    /// </summary>
    private async Task<InvoiceTraffic> SendInvoicesAsync(BillingApiClient api, IngestCatalog catalog, RunSystem system, CancellationToken cancellationToken)
    {
        var histogram = Latency.NewHistogram();
        var perSecond = new ConcurrentDictionary<int, int>();
        var problems = new ConcurrentQueue<string>();
        int accepted = 0, duplicate = 0, rejected = 0, failedRequests = 0, next = -1;
        var clock = Stopwatch.StartNew();
        var deadline = settings.Timeout;
        Action<int> advance = _ => { };

        await WithCountedProgress(
            Invariant($"Issuing {settings.Invoices:N0} invoices in batches of {settings.BatchSize:N0} ({settings.Clients} clients, {(settings.FlatOut ? "flat out" : Invariant($"{settings.Rate:N0}/s offered"))})"),
            settings.Invoices,
            progress =>
            {
                advance = progress;
                return Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(_ => Task.Run(ClientAsync, cancellationToken)));
            });

        clock.Stop();
        var seconds = perSecond.IsEmpty ? 0 : perSecond.Keys.Max() + 1;
        return new InvoiceTraffic(
            clock.Elapsed, accepted, duplicate, rejected, failedRequests, Reports.Latency.From(histogram),
            [.. Enumerable.Range(0, seconds).Select(second => (double)perSecond.GetValueOrDefault(second))], [.. problems.Take(5)]);

        async Task ClientAsync()
        {
            while (true)
            {
                var batch = Interlocked.Increment(ref next);
                if (batch >= settings.Batches)
                {
                    return;
                }

                var intended = settings.FlatOut ? clock.Elapsed : TimeSpan.FromSeconds(batch * (double)settings.BatchSize / settings.Rate);
                if (intended > clock.Elapsed)
                {
                    await Task.Delay(intended - clock.Elapsed, cancellationToken);
                }

                if (clock.Elapsed > deadline)
                {
                    throw new LoadFailedException(Invariant($"the invoices were not all answered within {deadline.TotalSeconds:0} s"));
                }

                if (system.Dead is { } dead)
                {
                    throw new LoadFailedException($"{dead.Name} exited during the run. Last lines of {dead.LogFile}:\n{dead.Tail()}");
                }

                var first = batch * settings.BatchSize;
                var items = Enumerable.Range(first, Math.Min(settings.BatchSize, settings.Invoices - first)).Select(catalog.InvoiceItem).ToList();
                var result = await api.IssueInvoicesAsync(items, Invariant($"{runId}-invoices-{batch}"), cancellationToken);
                var answered = clock.Elapsed;
                lock (histogram)
                {
                    Reports.Latency.Record(histogram, (long)(answered - intended).TotalMicroseconds);
                }

                Interlocked.Add(ref accepted, result.Accepted);
                Interlocked.Add(ref duplicate, result.Duplicate);
                Interlocked.Add(ref rejected, result.Rejected);
                if (result.RequestFailed)
                {
                    Interlocked.Increment(ref failedRequests);
                }

                if (result.Problem is { } problem && problems.Count < 20)
                {
                    problems.Enqueue(problem);
                }

                perSecond.AddOrUpdate((int)answered.TotalSeconds, result.Accepted, (_, count) => count + result.Accepted);
                advance(items.Count);
            }
        }
    }

    private static async Task<long> CountSalesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("SELECT count(*) FROM invoice_sale");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> WaitForProjectionAsync(string connectionString, decimal expected, CancellationToken cancellationToken)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        var clock = Stopwatch.StartNew();
        decimal total = 0;
        while (clock.Elapsed < ProjectionTimeout)
        {
            await using var command = database.CreateCommand("SELECT coalesce(sum(balance), 0) FROM account_balance");
            total = (decimal)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (total == expected)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new LoadFailedException(Invariant($"the portfolio projection holds {total:N2} after {ProjectionTimeout.TotalSeconds:0} s, not the {expected:N2} issued"));
    }
}

/// <summary>What the clients saw while sending the invoices.</summary>
public sealed record InvoiceTraffic(
    TimeSpan Elapsed, int Accepted, int Duplicate, int Rejected, int FailedRequests, Latency BatchLatency,
    IReadOnlyList<double> AcceptedPerSecond, IReadOnlyList<string> Problems);
