namespace ArScale.Load.Scenarios.Sink;

/// <summary>Whether a sink accepted every message sent to it during the run (warm-up and repeated attempts included).</summary>
public sealed record SinkCheck(string Sink, long Sent, long Stored)
{
    public bool Passed => Sent == Stored;
}
