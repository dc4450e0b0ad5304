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

    public IReadOnlyList<FlagHelp> Help => StormSettings.Help(DefaultAccounts, "(the published report: 100000)");

    public async Task<int> RunAsync(Flags flags, ScenarioContext context)
    {
        var settings = StormSettings.Read(flags, DefaultAccounts);
        flags.RejectUnknown();
        var cancellationToken = context.CancellationToken;
        var infra = await LoadInfra.PrepareAsync(context.Layout, ["Silo", "Notifier"], cancellationToken);
        var runId = Invariant($"{DateTime.UtcNow:yyyyMMdd-HHmmss}");

        var result = await new ArScaleStorm(settings, infra, context.Processes, runId).RunAsync(cancellationToken);
        AnsiConsole.MarkupLine(Invariant($"  [bold]{result.Figures.EmailsPerSecond:N0} e-mails/s end to end[/]; lost {result.Figures.Delivery.Lost}, duplicates {result.Figures.Delivery.Duplicates}"));

        var report = new Report(Name, Invariant($"Reminder storm: {settings.Accounts:N0} accounts due at the same instant"));
        StormDescription.ArScale(report, settings, result);
        report.Heading("Figures");
        StormReport.Figures(report, [result.Figures]);
        StormReading.Aims(report, result.Figures, baseline: null);
        report.Heading("Where the time goes");
        StormReading.ArScale(report, result);

        var chart = StormReport.Chart(
            Invariant($"Storm of {settings.Accounts:N0} accounts: per second since T0"),
            [("e-mails accepted by the sink", result.Figures.PerSecond), ("notices decided by the account grains", result.DecidedPerSecond)],
            [result.Figures]);
        var machine = MachineInfo.Collect(context.Layout.Root);
        var path = await report.WriteAsync(context.Layout, machine, context.CommandLine, new { settings, storm = result }, chart, cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");
        return result.Passed ? 0 : 1;
    }
}
