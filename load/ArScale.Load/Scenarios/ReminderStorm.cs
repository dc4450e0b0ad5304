using ArScale.Load.Cli;
using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Storm;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios;

/// <summary>
/// K accounts whose invoices all fall due at the same instant T0 inside their send window: the time from T0 to each
/// e-mail accepted by the SMTP sink, e-mails per second end to end, and exactly one e-mail per notice (lost and
/// duplicates must be 0, or exit 1).
/// </summary>
public sealed class ReminderStorm : IScenario
{
    public string Name => "storm";

    public string Summary => "K accounts whose notices all fall due at the same instant: seconds from that instant to each e-mail at the sink, e-mails/s end to end; lost and duplicates must be 0.";

    private const int DefaultAccounts = 200;

    public IReadOnlyList<FlagHelp> Help => StormSettings.Help(DefaultAccounts, "(the published report: 100000)", "; a list (0,600) runs one storm per spread, each on a fresh system");

    public async Task<int> RunAsync(Flags flags, ScenarioContext context)
    {
        var spreads = flags.IntList("wake-up-spread", [0], min: 0, max: 86_400);
        var settings = StormSettings.Read(flags, DefaultAccounts, TimeSpan.Zero);
        flags.RejectUnknown();
        var cancellationToken = context.CancellationToken;
        var infra = await LoadInfra.PrepareAsync(context.Layout, ["Silo", "Notifier"], cancellationToken);
        var stamp = Invariant($"{DateTime.UtcNow:yyyyMMdd-HHmmss}");

        var runs = new List<(StormSettings Settings, ArScaleStormResult Result)>();
        foreach (var spread in spreads)
        {
            var run = settings with { WakeUpSpread = TimeSpan.FromSeconds(spread) };
            var label = spreads.Count > 1 ? $"{ArScaleStorm.System}, spread {run.SpreadLabel}" : ArScaleStorm.System;
            var result = await new ArScaleStorm(run, infra, context.Processes, Invariant($"{stamp}-s{spread}")) { Label = label }.RunAsync(cancellationToken);
            AnsiConsole.MarkupLine(Invariant($"  {Markup.Escape(label)}: [bold]{result.Figures.EmailsPerSecond:N0} e-mails/s end to end[/]; lost {result.Figures.Delivery.Lost}, duplicates {result.Figures.Delivery.Duplicates}"));
            runs.Add((run, result));
        }

        var report = new Report(Name, Invariant($"Reminder storm: {settings.Accounts:N0} accounts due at the same instant"));
        report.Heading("Figures");
        StormReport.Figures(report, [.. runs.Select(run => run.Result.Figures)]);
        foreach (var (_, result) in runs)
        {
            if (runs.Count > 1)
            {
                report.Paragraph($"{result.Figures.System}:");
            }

            StormReading.Aims(report, result.Figures, baseline: null);
        }

        foreach (var (run, result) in runs)
        {
            report.Heading(runs.Count > 1 ? $"{result.Figures.System}: how the storm was made" : "How the storm was made");
            StormDescription.ArScale(report, run, result);
            report.Heading(runs.Count > 1 ? $"{result.Figures.System}: where the time goes" : "Where the time goes");
            StormReading.ArScale(report, result);
        }

        var chart = StormReport.Chart(
            Invariant($"Storm of {settings.Accounts:N0} accounts: per second since T0"),
            runs.SelectMany(run => new (string, IReadOnlyList<double>)[]
            {
                ($"e-mails accepted by the sink{Suffix(run.Result)}", run.Result.Figures.PerSecond),
                ($"notices decided by the account grains{Suffix(run.Result)}", run.Result.DecidedPerSecond),
            }),
            [.. runs.Select(run => run.Result.Figures)]);
        var machine = MachineInfo.Collect(context.Layout.Root);
        var path = await report.WriteAsync(context.Layout, machine, context.CommandLine, new { settings, storms = runs.Select(run => run.Result) }, chart, cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");
        return runs.All(run => run.Result.Passed) ? 0 : 1;

        string Suffix(ArScaleStormResult result) => runs.Count > 1 ? $" (spread {result.WakeUpSpread.TotalSeconds:0} s)" : "";
    }
}
