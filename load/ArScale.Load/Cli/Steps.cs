using System.Diagnostics;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Cli;

/// <summary>How a scenario shows its set-up on the console: a spinner per step, then a tick with what was done and how long it took.</summary>
public static class Steps
{
    public static async Task<T> Run<T>(string name, string done, Func<Task<T>> action)
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

    /// <summary>A progress bar over <paramref name="total"/> items; <paramref name="work"/> calls the action it is given once per item done.</summary>
    public static Task WithProgress(string description, int total, Func<Action, Task> work) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(description), maxValue: total);
                long done = 0;
                var running = work(() => Interlocked.Increment(ref done));
                while (!running.IsCompleted)
                {
                    task.Value = Interlocked.Read(ref done);
                    await Task.WhenAny(running, Task.Delay(200));
                }

                await running;
                task.Value = total;
            });
}
