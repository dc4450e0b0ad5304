using ArScale.Load.Cli;
using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Storm;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Steady;

/// <summary>
/// Latency outside a storm: notices falling due at a steady rate (<c>--rate</c> per second for <c>--minutes</c>),
/// each measured from its own due instant to its e-mail's receipt at the SMTP sink: p50/p90/p99/max, the p99 minute by
/// minute, the rate achieved, CPU per e-mail per process, and the goal p99 ≤ 5 s (reported, not enforced). Exit 1 when
/// a notice is lost or doubled, or the load did not finish.
/// </summary>
public sealed class SteadyLoad : IScenario
{
    public string Name => "steady";

    public string Summary => "Notices falling due at a steady rate (200/s for 10 min by default): seconds from each notice's own due instant to its e-mail at the sink (p50/p99, per minute), goal p99 ≤ 5 s; lost and duplicates must be 0.";

    public IReadOnlyList<FlagHelp> Help => SteadySettings.Help;

    public async Task<int> RunAsync(Flags flags, ScenarioContext context)
    {
        var settings = SteadySettings.Read(flags);
        flags.RejectUnknown();
        var cancellationToken = context.CancellationToken;
        var infra = await LoadInfra.PrepareAsync(context.Layout, ["Silo", "Notifier"], cancellationToken);
        var runId = Invariant($"{DateTime.UtcNow:yyyyMMdd-HHmmss}-steady");
        var result = await new SteadyRun(settings, infra, context.Processes, runId).RunAsync(cancellationToken);
        var steady = result.Steady;
        AnsiConsole.MarkupLine(Invariant($"  steady load: [bold]p99 {steady.Latency.P99 / 1000:0.00} s[/] (p50 {steady.Latency.P50 / 1000:0.00} s) due → SMTP accept, {steady.MedianPerSecond:N0}/s of {steady.AskedPerSecond:N0}/s asked; lost {steady.Delivery.Lost}, duplicates {steady.Delivery.Duplicates}"));

        var report = new Report(Name, Invariant($"Steady load: {settings.RateLabel}, each notice from its own due instant"));
        report.Heading("Figures");
        SteadyReport.Figures(report, settings, result);
        report.Heading("Per minute: steady or growing?");
        SteadyReport.PerMinute(report, steady);
        report.Heading("Where the time goes");
        SteadyReport.Steps(report, steady);
        SteadyReport.Cpu(report, settings, result);
        report.Heading("How the load was made");
        report.Paragraph(Invariant(
            $"The `storm` scenario's own machinery (`Scenarios/Storm`: `StormAccounts`, `StormOnAccounts`) with `--accounts` = rate × minutes × 60 = {settings.Accounts:N0} and `--wake-up-spread` = minutes × 60 = {settings.Spread.TotalSeconds:0} s: every account's one notice is due at T0, and the silo wakes each account at its own offset inside the spread, so the notices fall due at about {steady.OfferedPerSecond:N1} per second for {settings.Spread.TotalSeconds:0} s, each account's grain cold (read from PostgreSQL) when it wakes. The storm's own figures (from T0, not from each notice's due instant) are in `steady.json` under `storm`."));
        StormDescription.ArScale(report, settings.Storm, result.Storm);

        var machine = MachineInfo.Collect(context.Layout.Root);
        var path = await report.WriteAsync(context.Layout, machine, context.CommandLine,
            new { settings = new { settings.Rate, settings.Minutes, settings.Accounts, spreadSeconds = settings.Spread.TotalSeconds, storm = settings.Storm }, steady, storm = result.Storm, goalMet = steady.GoalMet, passed = result.Passed },
            SteadyReport.Chart(settings, result), cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");
        return result.Passed ? 0 : 1;
    }
}
