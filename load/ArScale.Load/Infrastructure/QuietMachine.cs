using System.Diagnostics;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// Two cores, shared with whoever else works on the machine: a build next door halves any figure. Before a
/// measurement the machine is sampled; while it is busy the run waits (up to a limit), then goes on with a warning.
/// Whatever happens, the reports show how much CPU went to processes that are not part of the measurement.
/// </summary>
public static class QuietMachine
{
    /// <summary>Busy cores below which the machine counts as quiet (idle infrastructure and services use a little).</summary>
    public const double Threshold = 0.25;

    private static readonly TimeSpan Sample = TimeSpan.FromSeconds(2);

    public static async Task WaitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var busy = await BusyCoresAsync(cancellationToken);
        if (busy < Threshold)
        {
            return;
        }

        var waited = Stopwatch.StartNew();
        await AnsiConsole.Status().StartAsync("Waiting for the machine to go quiet...", async status =>
        {
            while (busy >= Threshold && waited.Elapsed < limit)
            {
                status.Status(Invariant($"Machine busy: {busy:0.00} cores in use; waiting for it to go quiet ({waited.Elapsed.TotalSeconds:0} of {limit.TotalSeconds:0} s)..."));
                busy = await BusyCoresAsync(cancellationToken);
            }
        });

        AnsiConsole.MarkupLine(busy < Threshold
            ? Invariant($"[grey]Machine quiet after {waited.Elapsed.TotalSeconds:0} s.[/]")
            : Invariant($"[yellow]The machine is still busy ({busy:0.00} cores in use) after {limit.TotalSeconds:0} s: measuring anyway; see 'other' in the report.[/]"));
    }

    private static async Task<double> BusyCoresAsync(CancellationToken cancellationToken)
    {
        var (before, _) = ProcessCpu.Machine();
        var clock = Stopwatch.StartNew();
        await Task.Delay(Sample, cancellationToken);
        var (after, _) = ProcessCpu.Machine();
        return (after - before).TotalSeconds / clock.Elapsed.TotalSeconds;
    }
}
