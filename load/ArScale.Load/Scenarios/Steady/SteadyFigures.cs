using System.Text.Json.Serialization;
using ArScale.Load.Mail.SmtpSink;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Storm;

namespace ArScale.Load.Scenarios.Steady;

/// <summary>
/// What a steady load showed, each notice measured from its own due instant: T0 + its account's wake-up offset
/// (<see cref="WakeUpOffset"/>), the moment the silo wakes that account, to the sink's receipt of its e-mail. The
/// latency distribution, its course minute by minute (by the minute the notices fell due in), the rate achieved
/// against the rate asked, the steps each notice went through, and whether each arrived exactly once.
/// </summary>
/// <param name="AskedPerSecond">The rate asked for (<c>--rate</c>).</param>
/// <param name="OfferedPerSecond">Accounts / spread: the rate the notices actually fell due at on average.</param>
/// <param name="PeakDuePerSecond">The most notices due in one second (the offsets are a hash, not a comb).</param>
/// <param name="EndToEndPerSecond">Notices delivered / (last receipt − T0).</param>
/// <param name="MedianPerSecond">Median of the e-mails accepted per second, without the first second with mail and the last.</param>
/// <param name="Latency">Due instant → sink receipt, over the first e-mail of each delivered notice (milliseconds).</param>
/// <param name="EarliestSeconds">The smallest due → receipt time: below 0 an e-mail came before its computed due instant.</param>
/// <param name="BeforeDue">E-mails that came before their computed due instant (counted as 0 s in <paramref name="Latency"/>).</param>
/// <param name="TailSeconds">From the last notice's due instant to the last receipt: how long the load took to drain.</param>
public sealed record SteadyFigures(
    int AskedPerSecond,
    int Accounts,
    double SpreadSeconds,
    DateTimeOffset T0,
    double OfferedPerSecond,
    double PeakDuePerSecond,
    double EndToEndPerSecond,
    double MedianPerSecond,
    Latency Latency,
    double? EarliestSeconds,
    long BeforeDue,
    double? TailSeconds,
    IReadOnlyList<SteadyMinute> PerMinute,
    bool Growing,
    IReadOnlyList<SteadyLag> Steps,
    DeliveryCheck Delivery,
    double GoalSeconds,
    IReadOnlyList<double> DuePerSecond,
    IReadOnlyList<double?> P99ByDueSecond)
{
    /// <summary>The goal as the issue puts it: p99 due → SMTP accept within <see cref="GoalSeconds"/>; a lost notice never arrived, so none may be lost.</summary>
    public bool GoalMet => Latency.Count > 0 && Latency.P99 / 1000 <= GoalSeconds && Delivery.Lost == 0;

    /// <summary>The share of the asked rate the median second achieved.</summary>
    [JsonIgnore]
    public double AchievedShare => AskedPerSecond > 0 ? MedianPerSecond / AskedPerSecond : 0;

    /// <param name="receipts">The run's e-mails at the sink (those <see cref="StormAccounts.Owns"/>).</param>
    /// <param name="sent">The run's Sent rows of <c>notice_log</c>, by notice id.</param>
    public static SteadyFigures From(
        SteadySettings settings, StormAccounts accounts, ArScaleStormResult storm, IReadOnlyList<SinkReceipt> receipts, IReadOnlyDictionary<string, SentTimes> sent)
    {
        var t0 = storm.Instant.DueAt;
        var spread = settings.Spread;
        var spreadSeconds = (int)Math.Max(1, spread.TotalSeconds);
        var firstReceipt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var receipt in receipts.OrderBy(receipt => receipt.ReceivedAt))
        {
            if (receipt.NoticeId is { } id)
            {
                firstReceipt.TryAdd(id, receipt.ReceivedAt);
            }
        }

        var notices = accounts.AccountIds.Select(accountId =>
        {
            var noticeId = storm.Instant.NoticeId(accountId, accounts.InvoiceId);
            var dueAt = t0 + WakeUpOffset.For(accountId, spread);
            return new Notice(dueAt, firstReceipt.TryGetValue(noticeId, out var at) ? at : null, sent.GetValueOrDefault(noticeId));
        }).ToList();
        var delivered = notices.Where(notice => notice.ReceivedAt is not null).ToList();

        var duePerSecond = new double[spreadSeconds];
        foreach (var notice in notices)
        {
            duePerSecond[Math.Clamp((int)Math.Floor((notice.DueAt - t0).TotalSeconds), 0, spreadSeconds - 1)]++;
        }

        var p99ByDueSecond = delivered
            .GroupBy(notice => Math.Clamp((int)Math.Floor((notice.DueAt - t0).TotalSeconds), 0, spreadSeconds - 1))
            .ToDictionary(group => group.Key, group => Percentile([.. group.Select(notice => notice.Seconds!.Value)], 0.99));
        var minutes = PerMinuteOf(notices, receipts.Select(receipt => receipt.ReceivedAt), t0, spreadSeconds);
        var last = receipts.Count > 0 ? receipts.Max(receipt => receipt.ReceivedAt) : (DateTimeOffset?)null;

        return new SteadyFigures(
            settings.Rate, accounts.Count, spreadSeconds, t0,
            accounts.Count / (double)spreadSeconds,
            duePerSecond.DefaultIfEmpty(0).Max(),
            storm.Figures.EmailsPerSecond,
            storm.Figures.SteadyPerSecond,
            LatencyOf(delivered.Select(notice => notice.Seconds!.Value)),
            delivered.Count > 0 ? delivered.Min(notice => notice.Seconds!.Value) : null,
            delivered.Count(notice => notice.Seconds < 0),
            last is { } end && notices.Count > 0 ? (end - notices.Max(notice => notice.DueAt)).TotalSeconds : null,
            minutes,
            IsGrowing(minutes),
            StepsOf(notices),
            storm.Figures.Delivery,
            SteadySettings.GoalSeconds,
            duePerSecond,
            [.. Enumerable.Range(0, spreadSeconds).Select(second => p99ByDueSecond.TryGetValue(second, out var p99) ? p99 : (double?)null)]);
    }

    /// <summary>
    /// Whether the latency grows over the run rather than holding: the mean per-minute p99 of the second half of the
    /// minutes at least 1.5× that of the first half and 0.5 s more — a backlog that builds, the system not keeping up.
    /// </summary>
    public static bool IsGrowing(IReadOnlyList<SteadyMinute> minutes)
    {
        var measured = minutes.Where(minute => minute.Delivered > 0).Select(minute => minute.Latency.P99 / 1000).ToList();
        if (measured.Count < 2)
        {
            return false;
        }

        var first = measured.Take(measured.Count / 2).Average();
        var second = measured.Skip((measured.Count + 1) / 2).Average();
        return second >= first * 1.5 && second - first >= 0.5;
    }

    private static List<SteadyMinute> PerMinuteOf(IReadOnlyList<Notice> notices, IEnumerable<DateTimeOffset> receipts, DateTimeOffset t0, int spreadSeconds)
    {
        var count = (spreadSeconds + 59) / 60;
        var accepted = new int[count];
        foreach (var at in receipts)
        {
            var minute = (int)Math.Floor((at - t0).TotalSeconds / 60);
            if (minute >= 0 && minute < count)
            {
                accepted[minute]++;
            }
        }

        var byMinute = notices.ToLookup(notice => Math.Clamp((int)Math.Floor((notice.DueAt - t0).TotalSeconds / 60), 0, count - 1));
        return [.. Enumerable.Range(0, count).Select(minute =>
        {
            var due = byMinute[minute].ToList();
            var length = Math.Min(60, spreadSeconds - (minute * 60));
            return new SteadyMinute(
                minute + 1, due.Count, due.Count(notice => notice.ReceivedAt is not null), due.Count / (double)length, accepted[minute] / (double)length,
                LatencyOf(due.Where(notice => notice.ReceivedAt is not null).Select(notice => notice.Seconds!.Value)));
        })];
    }

    private static List<SteadyLag> StepsOf(IReadOnlyList<Notice> notices)
    {
        var logged = notices.Where(notice => notice.Log is not null).ToList();
        return
        [
            new("due → decided: reminder tick, grain activated and read, evaluated, outbox written (notice_log.emitted_at)", LatencyOf(logged.Select(notice => (notice.Log!.EmittedAt - notice.DueAt).TotalSeconds))),
            new("decided → claimed: published, queued in notice-due, claimed by a Notifier (first_attempt_at)", LatencyOf(logged.Select(notice => (notice.Log!.FirstAttemptAt - notice.Log.EmittedAt).TotalSeconds))),
            new("claimed → Sent: checked, rendered, sent by SMTP, logged (completed_at)", LatencyOf(logged.Select(notice => (notice.Log!.CompletedAt - notice.Log.FirstAttemptAt).TotalSeconds))),
            new("due → sink receipt: the whole way", LatencyOf(notices.Where(notice => notice.ReceivedAt is not null).Select(notice => notice.Seconds!.Value))),
        ];
    }

    private static Latency LatencyOf(IEnumerable<double> seconds)
    {
        var histogram = Latency.NewHistogram();
        foreach (var value in seconds)
        {
            Latency.Record(histogram, (long)(value * 1_000_000));
        }

        return Latency.From(histogram);
    }

    /// <summary>The nearest-rank percentile of a few values (one due second's notices).</summary>
    private static double Percentile(double[] values, double quantile)
    {
        Array.Sort(values);
        return values[Math.Clamp((int)Math.Ceiling(quantile * values.Length) - 1, 0, values.Length - 1)];
    }

    /// <summary>One notice: its own due instant, its first receipt at the sink, its Sent row.</summary>
    private sealed record Notice(DateTimeOffset DueAt, DateTimeOffset? ReceivedAt, SentTimes? Log)
    {
        public double? Seconds => ReceivedAt is { } at ? (at - DueAt).TotalSeconds : null;
    }
}

/// <summary>The notices that fell due in one minute of the load (1 = the first), and how they fared.</summary>
/// <param name="DuePerSecond">Notices falling due per second in that minute.</param>
/// <param name="AcceptedPerSecond">E-mails the sink accepted per second in that minute (whenever they fell due).</param>
/// <param name="Latency">Due → receipt of that minute's delivered notices (milliseconds).</param>
public sealed record SteadyMinute(int Minute, int Due, int Delivered, double DuePerSecond, double AcceptedPerSecond, Latency Latency);

/// <summary>The time every notice spent on one step (milliseconds).</summary>
public sealed record SteadyLag(string Name, Latency Latency);
