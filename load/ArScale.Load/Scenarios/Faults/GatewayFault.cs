using ArScale.Load.Infrastructure;
using ArScale.Load.Scenarios.Notifier;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// A fault that comes in through the Gateway (a database restart under ingest, a race on one Idempotency-Key, bad
/// input): it drives the system over HTTP and AMQP and judges what was stored. It runs on a system of its own with
/// one silo and a Gateway (<see cref="GatewayFaultRun"/>).
/// </summary>
public abstract class GatewayFault
{
    public abstract string Name { get; }

    public abstract string How(FaultSettings settings);

    public abstract Task<FaultRow> RunAsync(GatewayTarget target, CancellationToken cancellationToken);

    /// <summary>What the Gateway is started with on top of the run's settings (console users, say).</summary>
    public virtual IReadOnlyDictionary<string, string> GatewaySettings => new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>What a Gateway fault drives: the system, its Gateway's address and the load key, an Orleans and bus client of it.</summary>
public sealed record GatewayTarget(RunSystem System, LoadInfra Infra, FaultSettings Settings, Uri Gateway, string ApiKey, LoadClient Client, string RunId);
