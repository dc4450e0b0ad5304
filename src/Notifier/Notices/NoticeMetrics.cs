using System.Diagnostics;
using System.Diagnostics.Metrics;
using ArScale.Notifier.Log;

namespace ArScale.Notifier.Notices;

/// <summary>The Notifier's own meter: outcomes by channel and status, and how long a delivery takes.</summary>
public sealed class NoticeMetrics : IDisposable
{
    public const string MeterName = "ArScale.Notifier";
    public static readonly ActivitySource Activities = new(MeterName);

    private readonly Meter meter;
    private readonly Counter<long> outcomes;
    private readonly Counter<long> retries;
    private readonly Histogram<double> duration;
    private readonly Counter<long> validityChecks;

    public NoticeMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        outcomes = meter.CreateCounter<long>("arscale.notices.outcomes", description: "Notices by final outcome (Sent, Suppressed, Failed, Rejected)");
        retries = meter.CreateCounter<long>("arscale.notices.retries", description: "Delivery attempts that failed transiently and will be retried");
        validityChecks = meter.CreateCounter<long>("arscale.notices.validity_checks", description: "Dunning notices checked before the send, by what answered: the claim's account version, or a call to the account");
        duration = meter.CreateHistogram<double>("arscale.notices.delivery.duration", unit: "s", description: "From claim to final outcome of one attempt");
    }

    public void Outcome(string channel, NoticeStatus status, TimeSpan elapsed)
    {
        var tags = new TagList { { "channel", channel }, { "status", status.ToString() } };
        outcomes.Add(1, tags);
        duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <param name="askedAccount">True when the account grain was called; false when the claim's version showed it unchanged.</param>
    public void ValidityChecked(bool askedAccount) => validityChecks.Add(1, new TagList { { "by", askedAccount ? "account" : "version" } });

    public void Retry(string channel) => retries.Add(1, new TagList { { "channel", channel } });

    public void Dispose() => meter.Dispose();
}
