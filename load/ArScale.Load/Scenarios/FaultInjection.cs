using System.Text.Json;
using ArScale.Load.Cli;
using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Faults;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios;

/// <summary>
/// Real failures injected into a storm on the real processes (a silo or a Notifier killed, the mail relay or the broker
/// gone or hung), one fresh system per fault, each judged by the ground truth of <see cref="StormGroundTruth"/>: every
/// notice delivered once, none Failed, nothing left in an outbox or an error queue. Writes one row per fault into
/// <c>faults.md</c>, keeping the rows of faults this run did not take, so the full-size report is built fault by fault.
/// </summary>
public sealed class FaultInjection : IScenario
{
    public string Name => "faults";

    public string Summary => "Failures injected on the real processes: mid-storm (silo-kill, notifier-kill, broker-stop, smtp-down and variants) and under ingest (db-restart, idempotency-race): nothing lost, doubled or Failed.";

    public IReadOnlyList<FlagHelp> Help => FaultSettings.Help;

    public async Task<int> RunAsync(Flags flags, ScenarioContext context)
    {
        var settings = FaultSettings.Read(flags);
        flags.RejectUnknown();
        var cancellationToken = context.CancellationToken;
        var infra = await LoadInfra.PrepareAsync(context.Layout, ["Silo", "Notifier", "Gateway"], cancellationToken);
        var stamp = Invariant($"{DateTime.UtcNow:yyyyMMdd-HHmmss}");

        var rows = new List<FaultRow>();
        var runs = FaultCatalog.Storm.Where(fault => settings.Faults.Contains(fault.Name, StringComparer.Ordinal))
            .Select(fault => (Func<string, Task<FaultRow>>)(runId => new FaultStorm(fault, settings, infra, context.Processes, runId).RunAsync(cancellationToken)))
            .Concat(FaultCatalog.Gateway.Where(fault => settings.Faults.Contains(fault.Name, StringComparer.Ordinal))
                .Select(fault => (Func<string, Task<FaultRow>>)(runId => new GatewayFaultRun(fault, settings, infra, context.Processes, runId).RunAsync(cancellationToken))))
            .ToList();
        foreach (var (run, index) in runs.Select((run, index) => (run, index)))
        {
            var row = await run(Invariant($"{stamp}-f{index}"));
            var verdict = row.Passed ? "[green]passes[/]" : "[red]fails[/]: " + Markup.Escape(string.Join("; ", row.Failures));
            AnsiConsole.MarkupLine(Invariant($"  {Markup.Escape(row.Fault)}: lost {row.Lost}, duplicated {row.Duplicated}, Failed {row.Failed}, recovery {(row.RecoverySeconds is { } recovery ? Invariant($"{recovery:0.0} s") : "–")}: {verdict}"));
            rows.Add(row);
        }

        var all = Merge(Earlier(context.Layout), rows);
        var report = FaultsReport.Build(all, settings);
        var machine = MachineInfo.Collect(context.Layout.Root);
        var path = await report.WriteAsync(context.Layout, machine, context.CommandLine, new { rows = all }, FaultsReport.Chart(all), cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");
        return rows.All(row => row.Passed) ? 0 : 1;
    }

    /// <summary>The rows an earlier run wrote, for the faults it took: this run replaces only its own.</summary>
    private static IReadOnlyList<FaultRow> Earlier(RepositoryLayout layout)
    {
        var path = Path.Combine(layout.ResultsDirectory, "faults.json");
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.GetProperty("figures").GetProperty("rows").Deserialize<List<FaultRow>>(new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            AnsiConsole.MarkupLine($"[yellow]The earlier faults.json could not be read ({Markup.Escape(exception.Message)}): only this run's rows are written.[/]");
            return [];
        }
    }

    private static List<FaultRow> Merge(IReadOnlyList<FaultRow> earlier, IReadOnlyList<FaultRow> now) =>
        [.. FaultCatalog.Names
            .Select(name => now.FirstOrDefault(row => row.Fault == name) ?? earlier.FirstOrDefault(row => row.Fault == name))
            .OfType<FaultRow>()];
}
