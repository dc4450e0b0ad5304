using Npgsql;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// One of two Notifiers is killed (SIGKILL) mid-storm. Its unacknowledged messages go back to the queue and the other
/// takes them once the dead one's claims expire. The one window exactly-once cannot close is a notice the dead
/// process had handed to SMTP but not yet logged Sent: a pass allows at most the notices it held Sending, each
/// duplicate with the same Message-ID.
/// </summary>
public sealed class NotifierKill : StormFault
{
    public override string Name => "notifier-kill";

    public override int Notifiers => 2;

    public override string How(FaultSettings settings) => "2 Notifiers; SIGKILL of notifier-2 at a third of the storm";

    public override long AllowedDuplicates(FaultEvent fault) => fault.HeldByVictim;

    public override async Task<FaultEvent> InjectAsync(FaultTarget target, CancellationToken cancellationToken)
    {
        await UntilAsync(target.HitAt, cancellationToken);
        var victim = target.System.Started.Single(service => service.Name == "notifier-2");
        var held = await target.NotYetDeliveredAsync(cancellationToken);
        await target.System.KillAsync(victim);
        var hitAt = DateTimeOffset.UtcNow;
        var sending = await HeldSendingAsync(target.System.Database.ConnectionString, victim.Id, cancellationToken);
        return new FaultEvent(hitAt, hitAt, held, Invariant($"pid {victim.Id} held {sending} notice(s) Sending"), sending, victim.Name);
    }

    /// <summary>Rows the dead worker still holds: its worker id carries its pid (<c>host:pid:instance</c>).</summary>
    private static async Task<long> HeldSendingAsync(string connectionString, int pid, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM notice_log WHERE status = 'Sending' AND worker LIKE @worker", connection);
        command.Parameters.AddWithValue("worker", Invariant($"%:{pid}:%"));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
