using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;

namespace ArScale.Load.Scenarios.Notifier;

/// <summary>
/// The figures of one run. Throughput is N / (last completion − first attempt), both from <c>notice_log</c>;
/// latency is each notice's completion − first attempt (claim to Sent: check, render, send, log). Lost and
/// duplicates come from the sink: notices with no e-mail, and e-mails beyond one per notice.
/// </summary>
public sealed record NotifierRunResult(
    int Notifiers,
    string RunId,
    int Notices,
    long Sent,
    IReadOnlyDictionary<string, long> Statuses,
    double Seconds,
    double EmailsPerSecond,
    double MedianPerSecond,
    double? QuietMedianPerSecond,
    int QuietSeconds,
    Latency Latency,
    IReadOnlyList<double> PerSecond,
    IReadOnlyList<double?> OtherCoresPerSecond,
    IReadOnlyList<CpuInterval> CpuTimeline,
    DeliveryCheck Delivery,
    long Retried,
    IReadOnlyDictionary<string, long> PerWorker,
    CpuUsage Cpu,
    DatabaseCounters Database,
    double SeedSeconds,
    double PublishSeconds,
    double OutcomeDrainSeconds)
{
    /// <summary>Fewer quiet seconds than this make no figure.</summary>
    public const int MinimumQuietSeconds = 10;

    /// <summary>Whether processes outside the measurement took a noticeable share of the machine during the drain.</summary>
    public bool Disturbed => Cpu.OtherCores >= QuietMachine.Threshold;

    public bool Passed => Sent == Notices && Delivery.Passed;

    public long Lost => Delivery.Lost;

    public long Duplicates => Delivery.Duplicates;

    public static NotifierRunResult From(
        int notifiers, string runId, IReadOnlySet<string> notices, IReadOnlyList<SentNotice> sent, IReadOnlyDictionary<string, long> statuses,
        IReadOnlyList<string?> mailedNoticeIds, CpuUsage cpu, CpuTimeline timeline, DatabaseCounters database, double seedSeconds, double publishSeconds, double outcomeDrainSeconds)
    {
        var first = sent.Min(notice => notice.FirstAttemptAt);
        var last = sent.Max(notice => notice.CompletedAt);
        var seconds = (last - first).TotalSeconds;

        var histogram = Latency.NewHistogram();
        var perSecond = new double[(int)Math.Floor(seconds) + 1];
        foreach (var notice in sent)
        {
            Latency.Record(histogram, (long)(notice.CompletedAt - notice.FirstAttemptAt).TotalMicroseconds);
            perSecond[(int)Math.Floor((notice.CompletedAt - first).TotalSeconds)]++;
        }

        // The first and last second are partial (start-up, the tail): the median of the rest is the steady rate.
        var steady = perSecond.Length > 2 ? perSecond[1..^1].Order().ToArray() : perSecond.Order().ToArray();

        // The same over the seconds in which nothing outside the measurement took CPU: what this machine does undisturbed.
        var other = Enumerable.Range(0, perSecond.Length).Select(second => timeline.OtherCores(first.AddSeconds(second), first.AddSeconds(second + 1))).ToList();
        var quiet = Enumerable.Range(1, Math.Max(0, perSecond.Length - 2))
            .Where(second => other[second] is < QuietMachine.Threshold)
            .Select(second => perSecond[second]).Order().ToArray();
        return new NotifierRunResult(
            notifiers, runId, notices.Count, sent.Count, statuses, seconds, seconds > 0 ? sent.Count / seconds : 0,
            steady.Length > 0 ? steady[steady.Length / 2] : 0,
            quiet.Length >= MinimumQuietSeconds ? quiet[quiet.Length / 2] : null, quiet.Length,
            Latency.From(histogram), perSecond, other, timeline.Intervals,
            DeliveryCheck.Of(notices, mailedNoticeIds),
            sent.LongCount(notice => notice.Attempts > 1),
            sent.GroupBy(notice => notice.Worker, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.LongCount(), StringComparer.Ordinal),
            cpu, database, seedSeconds, publishSeconds, outcomeDrainSeconds);
    }
}
