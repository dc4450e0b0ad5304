using System.Diagnostics;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Infrastructure;

/// <summary>How a run shows its set-up steps and long phases on the console.</summary>
public static class RunProgress
{
    /// <summary>Runs one set-up step under a spinner, then prints a tick with what it did and how long it took.</summary>
    public static async Task<T> Step<T>(string name, string done, Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        var result = await AnsiConsole.Status().StartAsync($"{name}...", _ => action());
        AnsiConsole.MarkupLine(Invariant($"  [green]✓[/] {Markup.Escape(name)}: {Markup.Escape(done)} [grey]({clock.Elapsed.TotalSeconds:0.0} s)[/]"));
        return result;
    }

    public static async Task<Stopwatch> Timed(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        clock.Stop();
        return clock;
    }

    /// <summary>A progress bar over <paramref name="total"/> units of work; the work calls the action it is given once per unit done.</summary>
    public static Task WithProgress(string description, int total, Func<Action, Task> work) =>
        WithCountedProgress(description, total, advance => work(() => advance(1)));

    /// <summary>A progress bar over <paramref name="total"/> units of work; the work reports how many units it finished at a time.</summary>
    public static Task WithCountedProgress(string description, int total, Func<Action<int>, Task> work) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(description), maxValue: total);
                long done = 0;
                var running = work(units => Interlocked.Add(ref done, units));
                while (!running.IsCompleted)
                {
                    task.Value = Interlocked.Read(ref done);
                    await Task.WhenAny(running, Task.Delay(200));
                }

                await running;
                task.Value = total;
            });
}
