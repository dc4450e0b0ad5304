using System.Diagnostics;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>The two waits of a storm: for T0, and from T0 until every expected e-mail is at the sink (or the time is up).</summary>
public static class StormWatch
{
    /// <summary>Fails when T0 is less than a second away: the set-up was slower than the lead allowed for.</summary>
    public static void EnsureAhead(DateTimeOffset dueAt, TimeSpan sinceChosen, TimeSpan lead)
    {
        var left = dueAt - DateTimeOffset.UtcNow;
        if (left < TimeSpan.FromSeconds(1))
        {
            throw new LoadFailedException(Invariant(
                $"the set-up after T0 was chosen took {sinceChosen.TotalSeconds:0} s of the {lead.TotalSeconds:0} s allowed: T0 ({dueAt:HH:mm:ss} UTC) came before every account was ready. Give a longer --lead (at least {sinceChosen.TotalSeconds * 1.3 + 5:0})."));
        }
    }

    /// <summary>Returns at <paramref name="instant"/>, showing the countdown to <paramref name="dueAt"/>.</summary>
    public static async Task UntilAsync(DateTimeOffset instant, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        await AnsiConsole.Status().StartAsync(Invariant($"T0 is {dueAt:HH:mm:ss} UTC..."), async status =>
        {
            while (DateTimeOffset.UtcNow < instant)
            {
                var remaining = instant - DateTimeOffset.UtcNow;
                status.Status(Invariant($"Every notice falls due at T0 = {dueAt:HH:mm:ss} UTC, in {(dueAt - DateTimeOffset.UtcNow).TotalSeconds:0} s..."));
                await Task.Delay(remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1), cancellationToken);
            }
        });

    /// <summary>
    /// Shows the e-mails arriving at the sink from T0 until <paramref name="finished"/> says nothing more can arrive
    /// (every notice in a final state and its e-mail at the sink), or the time is up; <paramref name="problem"/> ends
    /// the wait with a failure (a process died). True when the time ran out.
    /// </summary>
    /// <remarks>
    /// <paramref name="finished"/> is asked when the sink has every expected e-mail, and otherwise only every few
    /// seconds: it queries the system under measurement.
    /// </remarks>
    public static async Task<bool> DeliveriesAsync(
        IMailSink sink, int expected, TimeSpan timeout, Func<CancellationToken, Task<bool>> finished, Func<string?> problem,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("accepted by the sink: 0", maxValue: expected);
                for (var poll = 1; ; poll++)
                {
                    var accepted = await sink.CountAsync(cancellationToken);
                    task.Value = Math.Min(accepted, expected);
                    task.Description = Invariant($"accepted by the sink: {accepted:N0} / {expected:N0}");
                    if ((accepted >= expected || poll % 10 == 0) && await finished(cancellationToken))
                    {
                        return false;
                    }

                    if (problem() is { } failure)
                    {
                        throw new LoadFailedException(failure);
                    }

                    if (clock.Elapsed > timeout)
                    {
                        return true;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
            });
    }
}
