using ArScale.Load.Infrastructure;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// RabbitMQ goes away mid-storm: its application stopped (<c>rabbitmqctl stop_app</c>: connections dropped and
/// refused), or <paramref name="hang"/>: the broker process frozen (SIGSTOP), so connections stay open and nothing
/// answers. Grains keep what they could not publish in their outboxes and retry; no grain call may block longer than
/// the publish timeout; afterwards every outbox is empty and nothing is lost or doubled.
/// </summary>
public sealed class BrokerOutage(bool hang) : StormFault
{
    public override string Name => hang ? "broker-hang" : "broker-stop";

    public override string How(FaultSettings settings) => hang
        ? $"the broker process frozen (SIGSTOP) for {settings.OutageLabel}, then SIGCONT"
        : $"`rabbitmqctl stop_app` for {settings.OutageLabel}, then `start_app`";

    public override async Task<FaultEvent> InjectAsync(FaultTarget target, CancellationToken cancellationToken)
    {
        await UntilAsync(target.HitAt, cancellationToken);
        var held = await target.NotYetDeliveredAsync(cancellationToken);
        var broker = target.Infra.ComponentPids().Single(component => component.Name == "rabbitmq");
        var hitAt = DateTimeOffset.UtcNow;
        if (hang)
        {
            ServiceProcess.Signal(broker.Pid, stop: true);
            try
            {
                await Task.Delay(target.Settings.Outage, cancellationToken);
            }
            finally
            {
                // Whatever happens, the broker must not stay frozen: the whole load profile depends on it.
                ServiceProcess.Signal(broker.Pid, stop: false);
            }
        }
        else
        {
            await target.Infra.ControlAsync("rabbitmq", ["stop_app"], cancellationToken);
            try
            {
                await Task.Delay(target.Settings.Outage, cancellationToken);
            }
            finally
            {
                await target.Infra.ControlAsync("rabbitmq", ["start_app"], CancellationToken.None);
            }
        }

        return new FaultEvent(hitAt, DateTimeOffset.UtcNow, held, Invariant($"broker away {(DateTimeOffset.UtcNow - hitAt).TotalSeconds:0} s"));
    }
}
