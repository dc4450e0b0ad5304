using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Scenarios.Storm;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// A failure a lender lives with, injected into a storm at a third of its wake-up spread: what it does to which
/// process, and what a pass allows. The storm's ground truth (<see cref="StormGroundTruth"/>) decides the rest.
/// </summary>
public abstract class StormFault
{
    /// <summary>The name on the command line and in the report (<c>smtp-down</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What is done, for the report's table.</summary>
    public abstract string How(FaultSettings settings);

    public virtual int Silos => 1;

    public virtual int Notifiers => 1;

    /// <summary>Starts at <see cref="FaultTarget.HitAt"/> and returns once whatever it stopped is back.</summary>
    public abstract Task<FaultEvent> InjectAsync(FaultTarget target, CancellationToken cancellationToken);

    /// <summary>E-mails sent twice that a pass still allows: none, unless the fault is a crash inside the send itself.</summary>
    public virtual long AllowedDuplicates(FaultEvent fault) => 0;

    /// <summary>What the Notifiers run with on top of the storm's settings (a fault that needs a backlog slows them).</summary>
    public virtual IReadOnlyDictionary<string, string> NotifierSettings(FaultSettings settings) => new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The verdict on the ground truth: by default every notice delivered once (up to the allowed duplicates) and every
    /// check of <see cref="StormGroundTruth.Failures"/>. A fault that changes what is owed (a payment) judges its own way.
    /// </summary>
    public virtual FaultVerdict Judge(StormGroundTruth truth, FaultEvent fault, int accounts) =>
        new(truth.Failures(accounts, AllowedDuplicates(fault)), truth.Delivery.Lost, truth.Delivery.Duplicates);

    /// <summary>Waits for the instant the fault is to hit.</summary>
    protected static async Task UntilAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var wait = instant - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }
}

/// <summary>What a fault acts on: the storm's system, its sink and infrastructure, and when to hit.</summary>
public sealed record FaultTarget(RunSystem System, DotnetSink Sink, LoadInfra Infra, FaultSettings Settings, StormSettings Storm, StormAccounts Accounts, StormInstant Instant, IGrainFactory Grains)
{
    public DateTimeOffset DueAt => Instant.DueAt;

    /// <summary>What a silo started during the fault gets: the same as the storm's.</summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment => Settings.SiloEnvironment(Storm.SiloEnvironment());

    /// <summary>A third of the way into the wake-ups (at least a second after T0), so the fault lands mid-storm.</summary>
    public DateTimeOffset HitAt => DueAt + TimeSpan.FromSeconds(Math.Max(1, Storm.WakeUpSpread.TotalSeconds / 3));

    /// <summary>Notices not yet at the sink: the load the fault hits.</summary>
    public async Task<long> NotYetDeliveredAsync(CancellationToken cancellationToken) =>
        Math.Max(0, Accounts.Count - await Sink.CountAsync(cancellationToken));
}

/// <param name="HitAt">When the failure began.</param>
/// <param name="EndedAt">When what it stopped was back (for a kill without restart: the kill itself).</param>
/// <param name="LoadHeld">Notices not yet delivered when it hit.</param>
/// <param name="HeldByVictim">For a killed Notifier: the notices it held Sending at the kill (the duplicates it may cause).</param>
/// <param name="Victim">The process killed, for the membership check.</param>
/// <param name="Paid">For payments made during the storm: by notice id, when its invoice's payment was acknowledged.</param>
/// <param name="Owed">For a fault that judges its own way: every notice id the storm owed.</param>
public sealed record FaultEvent(
    DateTimeOffset HitAt, DateTimeOffset EndedAt, long LoadHeld, string Note, long HeldByVictim = 0, string? Victim = null,
    IReadOnlyDictionary<string, DateTimeOffset>? Paid = null, IReadOnlySet<string>? Owed = null);

/// <summary>What a fault's storm showed: the failed checks, and the lost and doubled e-mails for the report's row.</summary>
public sealed record FaultVerdict(IReadOnlyList<string> Failures, long Lost, long Duplicated)
{
    /// <summary>What the fault measured beyond pass or fail (a race window), for the report's notes.</summary>
    public string? Observation { get; init; }
}
