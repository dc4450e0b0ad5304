using ArScale.Load.Cli;
using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Baseline;
using ArScale.Load.Scenarios.Storm;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios;

/// <summary>
/// The storm twice in one invocation on this machine: on ArScale, then built the way a .NET team would without it
/// (<c>load/Baseline</c>: one Hangfire delayed job per invoice on PostgreSQL, MailKit per job), with the same K, the
/// same T0 set-up, the same sink and the same check; the report gives the ratio ArScale / baseline.
/// </summary>
public sealed class HangfireBaseline : IScenario
{
    public string Name => "baseline";

    public string Summary => "The storm on ArScale and on a Hangfire baseline (a delayed job per invoice, MailKit per job), same K, same machine: e-mails/s of each and the ratio; lost and duplicates must be 0 for both.";

    /// <summary>Two storms in one run: half the storm scenario's small default each.</summary>
    private const int DefaultAccounts = 100;

    public IReadOnlyList<FlagHelp> Help => [.. StormSettings.Help(DefaultAccounts, "in each system (the published report: 100000)"), .. BaselineSettings.Help];

    public async Task<int> RunAsync(Flags flags, ScenarioContext context)
    {
        var settings = StormSettings.Read(flags, DefaultAccounts, TimeSpan.FromSeconds(flags.Int("wake-up-spread", 0, min: 0, max: 86_400)));
        var baseline = BaselineSettings.Read(flags);
        flags.RejectUnknown();
        var cancellationToken = context.CancellationToken;
        var infra = await LoadInfra.PrepareAsync(context.Layout, ["Silo", "Notifier"], cancellationToken);
        var stamp = Invariant($"{DateTime.UtcNow:yyyyMMdd-HHmmss}");

        var arscale = await new ArScaleStorm(settings, infra, context.Processes, stamp + "-arscale").RunAsync(cancellationToken);
        AnsiConsole.MarkupLine(Invariant($"  ArScale: [bold]{arscale.Figures.EmailsPerSecond:N0} e-mails/s end to end[/]; lost {arscale.Figures.Delivery.Lost}, duplicates {arscale.Figures.Delivery.Duplicates}"));
        var hangfire = await new HangfireStorm(settings, baseline, infra, context.Processes, stamp + "-hangfire").RunAsync(cancellationToken);
        AnsiConsole.MarkupLine(Invariant($"  Hangfire: [bold]{hangfire.Figures.EmailsPerSecond:N0} e-mails/s end to end[/]; lost {hangfire.Figures.Delivery.Lost}, duplicates {hangfire.Figures.Delivery.Duplicates}"));

        var ratio = StormReading.Ratio(arscale.Figures, hangfire.Figures);
        var report = new Report(Name, Invariant($"Storm baseline: ArScale against Hangfire, {settings.Accounts:N0} accounts due at the same instant"));
        report.Paragraph(Invariant($"The same storm twice, one after the other in this invocation on this machine: first on ArScale, then on a Hangfire baseline. Ratio ArScale / baseline, e-mails/s end to end: **{ratio:0.0}×**."));
        report.Heading("Figures");
        StormReport.Figures(report, [arscale.Figures, hangfire.Figures]);
        StormReading.Aims(report, arscale.Figures, hangfire.Figures);
        report.Heading("The baseline");
        BaselineDescription.Write(report, settings, baseline, hangfire);
        report.Heading("ArScale's storm");
        StormDescription.ArScale(report, settings, arscale);
        report.Heading("Where the time goes");
        StormReport.Cpu(report, [arscale.Figures, hangfire.Figures]);
        BaselineDescription.Reading(report, hangfire);
        report.Paragraph("ArScale, step by step:");
        StormReading.ArScale(report, arscale, showCpu: false);

        var chart = StormReport.Chart(
            Invariant($"Storm of {settings.Accounts:N0}: e-mails accepted by the sink per second since T0"),
            [($"{ArScaleStorm.System}", arscale.Figures.PerSecond), ($"{HangfireStorm.System}", hangfire.Figures.PerSecond)],
            [arscale.Figures, hangfire.Figures]);
        var machine = MachineInfo.Collect(context.Layout.Root);
        var path = await report.WriteAsync(context.Layout, machine, context.CommandLine, new { settings, baseline, ratio, arscale, hangfire }, chart, cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");
        return arscale.Passed && hangfire.Passed ? 0 : 1;
    }
}
