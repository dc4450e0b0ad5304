using ArScale.Load.Infrastructure;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Notifier;

namespace ArScale.Load.Scenarios.Ingest;

/// <summary>The figures of one ingest run.</summary>
public sealed record IngestRunResult(
    IngestSettings Settings,
    double Seconds,
    double InvoicesPerSecond,
    int Accepted,
    int Duplicate,
    int Rejected,
    int FailedRequests,
    long InSalesLedger,
    Latency BatchLatency,
    IReadOnlyList<double> AcceptedPerSecond,
    IReadOnlyList<double?> OtherCoresPerSecond,
    IReadOnlyList<string> Problems,
    CpuUsage Cpu,
    DatabaseCounters Database,
    double AccountsSeconds,
    double ProjectionLagSeconds)
{
    public bool Disturbed => Cpu.OtherCores >= QuietMachine.Threshold;

    /// <summary>Every invoice accepted once, none refused, and every one in the sales ledger the reports read.</summary>
    public bool Passed => Accepted == Settings.Invoices && Rejected == 0 && FailedRequests == 0 && Duplicate == 0 && InSalesLedger == Settings.Invoices;

    public static IngestRunResult From(
        IngestSettings settings, InvoiceTraffic traffic, long inSalesLedger, CpuUsage cpu, CpuTimeline timeline, DatabaseCounters database,
        TimeSpan accounts, TimeSpan projectionLag)
    {
        var seconds = traffic.Elapsed.TotalSeconds;
        var perSecond = traffic.AcceptedPerSecond;
        var start = timeline.Intervals.Count > 0 ? timeline.Intervals[0].From : DateTimeOffset.UtcNow;
        var other = Enumerable.Range(0, perSecond.Count).Select(second => timeline.OtherCores(start.AddSeconds(second), start.AddSeconds(second + 1))).ToList();
        return new IngestRunResult(
            settings, seconds, seconds > 0 ? traffic.Accepted / seconds : 0,
            traffic.Accepted, traffic.Duplicate, traffic.Rejected, traffic.FailedRequests, inSalesLedger, traffic.BatchLatency,
            perSecond, other, traffic.Problems, cpu, database, accounts.TotalSeconds, projectionLag.TotalSeconds);
    }
}
