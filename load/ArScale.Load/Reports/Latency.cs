using HdrHistogram;

namespace ArScale.Load.Reports;

/// <summary>Percentiles of a latency distribution, in milliseconds, from an HdrHistogram recorded in microseconds.</summary>
public sealed record Latency(long Count, double P50, double P90, double P99, double Max)
{
    /// <summary>Microsecond resolution up to an hour, three significant digits.</summary>
    public static LongHistogram NewHistogram() => new(TimeSpan.FromHours(1).Ticks / TimeSpan.TicksPerMicrosecond, 3);

    public static Latency From(HistogramBase histogram) => new(
        histogram.TotalCount,
        Milliseconds(histogram.GetValueAtPercentile(50)),
        Milliseconds(histogram.GetValueAtPercentile(90)),
        Milliseconds(histogram.GetValueAtPercentile(99)),
        Milliseconds(histogram.GetMaxValue()));

    /// <summary>Records a duration, clamped into the histogram's range (a negative clock difference counts as zero).</summary>
    public static void Record(HistogramBase histogram, long microseconds) =>
        histogram.RecordValue(Math.Clamp(microseconds, 0, histogram.HighestTrackableValue));

    private static double Milliseconds(long microseconds) => microseconds / 1000.0;
}
