using ArScale.Load.Infrastructure;
using ArScale.Load.Mail.SmtpSink;
using ArScale.Load.Reports;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>
/// What one storm showed at the sink, counted from T0 (the instant every notice fell due) to each e-mail's receipt
/// there: e-mails per second end to end (every expected notice / (last receipt − T0)), the per-second curve, the
/// latency distribution, and whether each expected notice arrived exactly once.
/// </summary>
public sealed record StormFigures(
    string System,
    int Accounts,
    DateTimeOffset DueAt,
    double? FirstSeconds,
    double? LastSeconds,
    double EmailsPerSecond,
    double PeakPerSecond,
    double SteadyPerSecond,
    Latency Latency,
    double AverageBytes,
    IReadOnlyList<double> PerSecond,
    IReadOnlyList<double?> OtherCoresPerSecond,
    IReadOnlyList<CpuInterval> CpuTimeline,
    CpuUsage Cpu,
    DeliveryCheck Delivery,
    bool TimedOut)
{
    public bool Passed => Delivery.Passed && !TimedOut;

    /// <summary>Whether processes outside the measurement took a noticeable share of the machine during the storm.</summary>
    public bool Disturbed => Cpu.OtherCores >= QuietMachine.Threshold;

    /// <param name="receipts">The run's e-mails at the sink.</param>
    /// <param name="expected">The notice id every account owes: each must arrive once.</param>
    public static StormFigures From(
        string system, DateTimeOffset dueAt, IReadOnlyList<SinkReceipt> receipts, IReadOnlySet<string> expected,
        CpuUsage cpu, CpuTimeline timeline, bool timedOut)
    {
        var delivery = DeliveryCheck.Of(expected, receipts.Select(receipt => receipt.NoticeId));
        var histogram = Latency.NewHistogram();
        var offsets = receipts.Select(receipt => (receipt.ReceivedAt - dueAt).TotalSeconds).Order().ToList();
        foreach (var seconds in offsets)
        {
            Latency.Record(histogram, (long)(seconds * 1_000_000));
        }

        var last = offsets.Count > 0 ? offsets[^1] : (double?)null;
        var perSecond = new double[last is { } end ? (int)Math.Floor(Math.Max(0, end)) + 1 : 0];
        foreach (var seconds in offsets)
        {
            perSecond[(int)Math.Floor(Math.Max(0, seconds))]++;
        }

        // The first second with mail and the last are partial (the storm's rise and its tail): the median of the rest is the steady rate.
        var firstFull = Array.FindIndex(perSecond, count => count > 0) + 1;
        var steady = perSecond.Length - 1 > firstFull ? perSecond[firstFull..^1].Order().ToArray() : perSecond.Order().ToArray();
        var other = Enumerable.Range(0, perSecond.Length).Select(second => timeline.OtherCores(dueAt.AddSeconds(second), dueAt.AddSeconds(second + 1))).ToList();
        return new StormFigures(
            system, expected.Count, dueAt, offsets.Count > 0 ? offsets[0] : null, last,
            last is > 0 ? delivery.Distinct / last.Value : 0,
            perSecond.DefaultIfEmpty(0).Max(),
            steady.Length > 0 ? steady[steady.Length / 2] : 0,
            Latency.From(histogram),
            receipts.Count > 0 ? receipts.Average(receipt => (double)receipt.Bytes) : 0,
            perSecond, other, timeline.Intervals, cpu, delivery, timedOut);
    }
}
