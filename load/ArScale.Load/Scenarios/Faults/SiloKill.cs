using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// One of two silos is killed (SIGKILL) mid-storm, and with <paramref name="restart"/> started again at once. Its
/// accounts' reminders move to the survivor once membership declares it dead; what its grains had stored in their
/// outboxes is published by their next activation. A tick the reminder service could not deliver (its grain's
/// activation was on the dead silo) is not retried by Orleans: it comes back one reminder period later, which bounds
/// the recovery. Nothing may be lost or doubled, every account keeps its reminder,
/// and the dead silo is marked dead in membership.
/// </summary>
public sealed class SiloKill(bool restart) : StormFault
{
    public override string Name => restart ? "silo-kill-restart" : "silo-kill";

    public override int Silos => 2;

    public override string How(FaultSettings settings) => restart
        ? "2 silos; SIGKILL of silo-2 at a third of the storm, started again at once"
        : "2 silos; SIGKILL of silo-2 at a third of the storm";

    public override async Task<FaultEvent> InjectAsync(FaultTarget target, CancellationToken cancellationToken)
    {
        await UntilAsync(target.HitAt, cancellationToken);
        var victim = target.System.Started.Single(service => service.Name == "silo-2");
        var held = await target.NotYetDeliveredAsync(cancellationToken);
        await target.System.KillAsync(victim);
        var hitAt = DateTimeOffset.UtcNow;
        if (!restart)
        {
            return new FaultEvent(hitAt, hitAt, held, Invariant($"silo-2 (pid {victim.Id}) killed"), Victim: victim.Name);
        }

        var again = await target.System.StartDuringRunAsync(services => services.StartSiloAsync("silo-2", target.SiloEnvironment, cancellationToken));
        return new FaultEvent(hitAt, DateTimeOffset.UtcNow, held, Invariant($"silo-2 (pid {victim.Id}) killed, pid {again.Id} healthy {(DateTimeOffset.UtcNow - hitAt).TotalSeconds:0} s later"), Victim: victim.Name);
    }
}
