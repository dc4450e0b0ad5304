using System.Globalization;
using ArScale.Load.Cli;
using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Ingest;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios;

/// <summary>
/// Invoices per second accepted durably through the Gateway's batch API, with the whole system on this machine, and
/// the batch latency. Every invoice must be accepted once and be in the sales ledger, or the run fails (exit 1).
/// </summary>
public sealed class IngestThroughput : IScenario
{
    public string Name => "ingest";

    public string Summary => "Invoices per second accepted durably through POST /api/v1/invoices/batch, batch latency p50/p90/p99/max; every invoice must be accepted once.";

    public IReadOnlyList<FlagHelp> Help =>
    [
        new("accounts", "2000", "accounts created first (bulk endpoint, not measured)"),
        new("invoices", "10000", "invoices issued (full size: 100000)"),
        new("batch", "1000", "invoices per batch request (the API's limit is 1,000)"),
        new("clients", "4", "batch requests in flight at once"),
        new("rate", "0", "invoices per second offered; 0 = flat out"),
        new("silos", "1", "silo processes"),
        new("order", "interleaved", "interleaved: a batch spans as many accounts as it can; grouped: an account's invoices together"),
        new("timeout", "600", "seconds the invoices may take before the run fails"),
        new("quiet-wait", "300", "seconds to wait for other processes to leave the CPU before measuring"),
        new("keep-data", "false", "keep the run's database and virtual host for inspection"),
    ];

    public async Task<int> RunAsync(Flags flags, ScenarioContext context)
    {
        var settings = new IngestSettings(
            flags.Int("accounts", 2_000, max: 2_000_000),
            flags.Int("invoices", 10_000, max: 10_000_000),
            flags.Int("batch", 1_000, max: 1_000),
            flags.Int("clients", 4, max: 256),
            flags.Int("rate", 0, max: 1_000_000),
            flags.Int("silos", 1, max: 8),
            flags.Seconds("timeout", TimeSpan.FromSeconds(600)),
            flags.Seconds("quiet-wait", TimeSpan.FromSeconds(300)),
            (flags.Text("order") ?? "interleaved") switch
            {
                "interleaved" => false,
                "grouped" => true,
                var other => throw new FlagException($"--order is interleaved or grouped, not '{other}'"),
            },
            flags.Switch("keep-data"));
        flags.RejectUnknown();
        var cancellationToken = context.CancellationToken;
        var infra = await LoadInfra.PrepareAsync(context.Layout, ["Silo", "Gateway"], cancellationToken);
        var runId = Invariant($"{DateTime.UtcNow:yyyyMMdd-HHmmss}-ingest");
        var result = await new IngestRun(settings, infra, context.Processes, runId).RunAsync(cancellationToken);
        AnsiConsole.MarkupLine(Invariant($"  [bold]{result.InvoicesPerSecond:N0} invoices/s[/]; batch p50 {result.BatchLatency.P50:N0} ms, p99 {result.BatchLatency.P99:N0} ms"));

        var report = Write(result);
        var chart = Charts.PerSecond("Ingest: invoices accepted per second (batch API)", "invoices / s",
            [("accepted", result.AcceptedPerSecond)],
            "cores used by other processes (dotted)",
            [("other", (IReadOnlyList<double>)[.. result.OtherCoresPerSecond.Select(value => value ?? double.NaN)])]);
        var path = await report.WriteAsync(context.Layout, MachineInfo.Collect(context.Layout.Root), context.CommandLine, result, chart, cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");
        return result.Passed ? 0 : 1;
    }

    private Report Write(IngestRunResult result)
    {
        var settings = result.Settings;
        var report = new Report(Name, "Ingest: invoices through the batch API");
        report.Paragraph(Invariant(
            $"""
            {settings.Accounts:N0} accounts created through `POST /api/v1/accounts/batch`, then {settings.Invoices:N0} invoices (one currency, issued today, due in 30 days, so nothing falls due during the run) through `POST /api/v1/invoices/batch` in {settings.Batches:N0} batches of {settings.BatchSize:N0}, {settings.Clients} in flight, {(settings.FlatOut ? "flat out" : Invariant($"offered at {settings.Rate:N0} invoices/s (latency from each batch's intended start)"))}, {settings.Order} ({(settings.Grouped ? "an account's invoices in the same batch" : "a batch spans as many accounts as it can, one grain write each")}). System: {settings.Silos} silo(s), one Gateway (its AMQP ingest and projection consumers running), PostgreSQL and RabbitMQ of the load profile, all Release builds on this machine; the load client runs here too.
            """));
        report.Paragraph("A 2xx answer means every accepted invoice is stored by its account grain (its state and its moved reminder written to PostgreSQL). Throughput = invoices accepted / time from the first request to the last answer.");

        report.Heading("Figures");
        report.Table(new ReportTable(
            ["invoices", "seconds", "invoices/s", "batch p50 ms", "p90 ms", "p99 ms", "max ms", "accepted", "rejected", "failed requests", "in sales ledger"],
            [[
                Number(settings.Invoices), Fixed(result.Seconds, "0.0"), Fixed(result.InvoicesPerSecond, "N0"),
                Fixed(result.BatchLatency.P50, "N0"), Fixed(result.BatchLatency.P90, "N0"), Fixed(result.BatchLatency.P99, "N0"), Fixed(result.BatchLatency.Max, "N0"),
                Number(result.Accepted), Number(result.Rejected), Number(result.FailedRequests), Number(result.InSalesLedger),
            ]]));
        report.Paragraph(Invariant($"The portfolio projection (`account_balance`) reached the invoices' total {result.ProjectionLagSeconds:0.0} s after the last answer. Set-up, not measured: {settings.Accounts:N0} accounts created in {result.AccountsSeconds:0.0} s ({settings.Accounts / Math.Max(0.001, result.AccountsSeconds):N0}/s)."));
        if (result.Disturbed)
        {
            report.Paragraph(Invariant($"**Disturbed**: processes outside the measurement used {result.Cpu.OtherCores:0.00} of the machine's {result.Cpu.MachineCores} cores on average during the run: the figures are below what the machine does alone."));
        }

        report.Heading("Where the two cores went");
        report.Table(new ReportTable(
            [.. result.Cpu.Components.Select(component => component.Name + " cores"), "other", "machine busy"],
            [[
                .. result.Cpu.Components.Select(component => Fixed(component.Cores, "0.00")),
                Fixed(result.Cpu.OtherCores, "0.00"),
                Invariant($"{result.Cpu.MachineBusyCores:0.00} of {result.Cpu.MachineCores}"),
            ]]));
        report.Table(new ReportTable(
            [.. result.Cpu.Components.Select(component => component.Name + " ms/invoice"), "all of them ms/invoice"],
            [[
                .. result.Cpu.Components.Select(component => Fixed(component.CpuSeconds * 1000 / Math.Max(1, result.Accepted), "0.000")),
                Fixed(result.Cpu.Components.Sum(component => component.CpuSeconds) * 1000 / Math.Max(1, result.Accepted), "0.000"),
            ]]));
        report.Paragraph("CPU time per invoice accepted, by component: less sensitive to other processes on the machine than the rate, so the figure to compare between runs on a busy machine.");

        report.Heading("Database work per invoice");
        report.Table(new ReportTable(
            ["commits/invoice", .. result.Database.Tables.Where(table => table.Value.Inserted + table.Value.Updated > 0).OrderBy(table => table.Key, StringComparer.Ordinal).Select(table => $"{table.Key} ins+upd/invoice")],
            [[
                Fixed(result.Database.Commits / (double)Math.Max(1, result.Accepted), "0.00"),
                .. result.Database.Tables.Where(table => table.Value.Inserted + table.Value.Updated > 0).OrderBy(table => table.Key, StringComparer.Ordinal)
                    .Select(table => Fixed((table.Value.Inserted + table.Value.Updated) / (double)Math.Max(1, result.Accepted), "0.00")),
            ]]));

        report.Paragraph(result.Passed
            ? Invariant($"Check: all {settings.Invoices:N0} invoices accepted once, none rejected, every one in the sales ledger.")
            : Invariant($"**Check failed**: accepted {result.Accepted:N0} of {settings.Invoices:N0}, duplicates {result.Duplicate:N0}, rejected {result.Rejected:N0}, failed requests {result.FailedRequests:N0}, in the sales ledger {result.InSalesLedger:N0}. First problems: {string.Join("; ", result.Problems)}"));
        return report;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
