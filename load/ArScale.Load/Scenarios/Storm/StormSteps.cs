using ArScale.Load.Mail.SmtpSink;
using ArScale.Load.Scenarios.Notifier;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>
/// Where the time of an ArScale storm went, step by step, each as seconds after T0: when the account grains decided
/// (the notice's <c>emitted_at</c>: reminder delivered, state read, evaluated), when a Notifier claimed the notice
/// (<c>first_attempt_at</c>), when it logged it Sent (<c>completed_at</c>), and when the sink accepted the e-mail. A step
/// whose last instance comes late while the next step follows close behind is where the storm queued.
/// </summary>
public sealed record StormSteps(IReadOnlyList<StormStep> Steps, IReadOnlyList<StormLag> Lags)
{
    public static StormSteps From(DateTimeOffset dueAt, IReadOnlyList<NoticeTimes> notices, IReadOnlyList<SinkReceipt> receipts) => new(
    [
        StormStep.Of("account grain decided (notice_log.emitted_at)", dueAt, notices.Select(notice => notice.EmittedAt)),
        StormStep.Of("Notifier claimed it (first_attempt_at)", dueAt, notices.Select(notice => notice.FirstAttemptAt)),
        StormStep.Of("Notifier logged it Sent (completed_at)", dueAt, notices.Select(notice => notice.CompletedAt)),
        StormStep.Of("sink accepted the e-mail (its receipt)", dueAt, receipts.Select(receipt => receipt.ReceivedAt)),
    ],
    [
        StormLag.Of("T0 → decided: reminder delivered, grain activated, evaluated, outbox written", notices.Select(notice => notice.EmittedAt - dueAt)),
        StormLag.Of("decided → claimed: published, queued in notice-due", notices.Select(notice => notice.FirstAttemptAt - notice.EmittedAt)),
        StormLag.Of("claimed → Sent: check, render, SMTP, log", notices.Select(notice => notice.CompletedAt - notice.FirstAttemptAt)),
    ]);

    public StormStep Decided => Steps[0];

    public StormStep Accepted => Steps[^1];

    public StormLag Queued => Lags[1];

    public StormLag Delivering => Lags[2];

    /// <summary>Per second since T0, how many notices each step completed (the chart's lines).</summary>
    public static IReadOnlyList<double> PerSecond(DateTimeOffset dueAt, IEnumerable<DateTimeOffset> instants, int seconds)
    {
        var counts = new double[Math.Max(0, seconds)];
        foreach (var instant in instants)
        {
            var second = (int)Math.Floor((instant - dueAt).TotalSeconds);
            if (second >= 0 && second < counts.Length)
            {
                counts[second]++;
            }
        }

        return counts;
    }
}

/// <summary>One step of the storm: when its first, median and last instance happened, in seconds after T0, and its rate.</summary>
public sealed record StormStep(string Name, int Count, double FirstSeconds, double MedianSeconds, double LastSeconds)
{
    /// <summary>Instances per second from T0 to the last one.</summary>
    public double PerSecond => LastSeconds > 0 ? Count / LastSeconds : 0;

    public static StormStep Of(string name, DateTimeOffset dueAt, IEnumerable<DateTimeOffset> instants)
    {
        var offsets = instants.Select(instant => (instant - dueAt).TotalSeconds).Order().ToList();
        return offsets.Count == 0
            ? new StormStep(name, 0, 0, 0, 0)
            : new StormStep(name, offsets.Count, offsets[0], offsets[offsets.Count / 2], offsets[^1]);
    }
}

/// <summary>The time one notice spent between two steps, over all notices: median, 90th percentile, longest (seconds).</summary>
public sealed record StormLag(string Name, double P50, double P90, double Max)
{
    public static StormLag Of(string name, IEnumerable<TimeSpan> spans)
    {
        var seconds = spans.Select(span => span.TotalSeconds).Order().ToList();
        return seconds.Count == 0
            ? new StormLag(name, 0, 0, 0)
            : new StormLag(name, seconds[seconds.Count / 2], seconds[(int)Math.Min(seconds.Count - 1, Math.Floor(seconds.Count * 0.9))], seconds[^1]);
    }
}
