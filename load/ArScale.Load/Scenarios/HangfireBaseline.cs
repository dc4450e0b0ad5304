using ArScale.Load.Cli;
using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Baseline;
using ArScale.Load.Scenarios.Storm;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios;

/// <summary>
/// The storm on ArScale and on the Hangfire baseline in one invocation on this machine: ArScale first, then the
/// baseline (<c>load/Baseline</c>: one Hangfire delayed job per invoice on PostgreSQL) naive (a new SMTP connection
/// per job, Hangfire's default workers), then tuned (pooled NoDelay SMTP sessions, the worker count measured best
/// here), with the same K, the same T0 set-up, the same sink and the same check; the report gives the ratio
/// ArScale / naive and ArScale / tuned.
/// </summary>
public sealed class HangfireBaseline : IScenario
{
    public string Name => "baseline";

    public string Summary => "The storm on ArScale, then on a Hangfire baseline naive (new SMTP connection per job) and tuned (pooled NoDelay SMTP sessions, measured worker count), same K, same machine: e-mails/s of each and the ratios; lost and duplicates must be 0 for all.";

    /// <summary>Three storms in one run: half the storm scenario's small default each.</summary>
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
        var runs = new List<HangfireStormResult>();
        foreach (var variant in baseline.Runs())
        {
            var run = await new HangfireStorm(settings, baseline, variant, infra, context.Processes, stamp + "-" + variant.RunSuffix).RunAsync(cancellationToken);
            AnsiConsole.MarkupLine(Invariant($"  {Markup.Escape(variant.System)}: [bold]{run.Figures.EmailsPerSecond:N0} e-mails/s end to end[/]; lost {run.Figures.Delivery.Lost}, duplicates {run.Figures.Delivery.Duplicates}"));
            runs.Add(run);
        }

        var naive = runs.FirstOrDefault(run => !run.Variant.IsTuned);
        var tunedRuns = runs.Where(run => run.Variant.IsTuned).ToList();
        var tuned = tunedRuns.MaxBy(run => run.Figures.EmailsPerSecond);
        double? naiveRatio = naive is null ? null : StormReading.Ratio(arscale.Figures, naive.Figures);
        double? tunedRatio = tuned is null ? null : StormReading.Ratio(arscale.Figures, tuned.Figures);
        var storms = (IReadOnlyList<StormFigures>)[arscale.Figures, .. runs.Select(run => run.Figures)];
        var variants = string.Join(" and ", baseline.Variants);

        var report = new Report(Name, Invariant($"Storm baseline: ArScale against Hangfire ({variants}), {settings.Accounts:N0} accounts due at the same instant"));
        report.Paragraph(Invariant($"The same storm {storms.Count} times, one after the other in this invocation on this machine: first on ArScale, then on the Hangfire baseline: {string.Join(", then ", runs.Select(run => run.Variant.Sweep && run.Variant.IsTuned ? Invariant($"tuned with {run.Workers} workers") : run.Variant.Name))}. ") +
            BaselineDescription.Ratios(naiveRatio, tuned, tunedRatio));
        report.Heading("Figures");
        StormReport.Figures(report, storms);
        StormReading.Aims(report, arscale.Figures, null);
        BaselineDescription.Aims(report, arscale.Figures, naive, tuned, runs);
        report.Heading("The baseline");
        BaselineDescription.Write(report, settings, baseline, runs);
        report.Heading("ArScale's storm");
        StormDescription.ArScale(report, settings, arscale);
        report.Heading("Where the time goes");
        StormReport.Cpu(report, storms);
        BaselineDescription.Sweep(report, runs);
        BaselineDescription.Reading(report, runs);
        report.Paragraph("ArScale, step by step:");
        StormReading.ArScale(report, arscale, showCpu: false);

        var chart = StormReport.Chart(
            Invariant($"Storm of {settings.Accounts:N0}: e-mails accepted by the sink per second since T0"),
            [(ArScaleStorm.System, arscale.Figures.PerSecond), .. runs.Select(run => (run.Variant.System, run.Figures.PerSecond))],
            storms);
        var machine = MachineInfo.Collect(context.Layout.Root);
        var figures = new { settings, baseline, ratio = new { naive = naiveRatio, tuned = tunedRatio, tunedWorkers = tuned?.Workers }, arscale, naive, tuned = tunedRuns };
        var path = await report.WriteAsync(context.Layout, machine, context.CommandLine, figures, chart, cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");
        return arscale.Passed && runs.All(run => run.Passed) ? 0 : 1;
    }
}
