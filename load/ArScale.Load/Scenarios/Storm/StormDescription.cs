using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Reports;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Storm;

/// <summary>What a storm report says about how its storm was made, so a reader can judge the figures.</summary>
public static class StormDescription
{
    public static void ArScale(Report report, StormSettings settings, ArScaleStormResult result)
    {
        var instant = result.Instant;
        report.Paragraph(Invariant(
            $"""
            {settings.Accounts:N0} accounts, each created through its account grain with one `ExecuteMany` (profile + one open invoice of EUR 250.00 due today in {instant.TimeZone}, one state write), the load tool being an Orleans client of the run's cluster: the Gateway is not part of this measurement (with no Gateway running, the `AccountChanged` events the grains publish have no projection consumer). Once that pass has shown how fast this machine creates accounts, T0 is chosen and each profile's send window set to open at T0's local time ({instant.Window.Start:HH:mm:ss}–{instant.Window.End:HH:mm:ss}, an `UpsertProfile`), so the standard policy's `due` stage (`policies/standard.json`, offset 0, e-mail) is reached but waits for the window, and every account's one reminder is due at T0 = {instant.DueAt:yyyy-MM-dd HH:mm:ss} UTC. This is production configuration only: the silo runs with `ArScale:Dunning:WakeUpSpread` = {settings.SpreadLabel} ({(settings.WakeUpSpread == TimeSpan.Zero ? "every account wakes at T0: the storm as defined; the production default, 600 s, would smear it over ten minutes" : "each account wakes at its own offset inside it, so the grains see the storm spread over that time: at most " + (settings.Accounts / settings.WakeUpSpread.TotalSeconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " wake-ups a second")}) and `MaxConcurrentReminderWork` = {settings.ReminderWork}.
            """));
        report.Paragraph(settings.Warm
            ? "The account grains stayed active from their creation to T0 (`--warm`): no state is read at T0."
            : Invariant($"Before T0 the account grains were deactivated (`IManagementGrain.ForceActivationCollection`, {result.SetUp.Deactivated:N0} activations, each writing its state on the way out), so at T0 each reminder activates its grain and reads its state from PostgreSQL, as a 09:00 storm finds accounts idle all night."));
        report.Paragraph(Invariant(
            $"""
            System: {(settings.Silos == 1 ? "one silo" : Invariant($"{settings.Silos} silos in one cluster"))} and {settings.Notifiers} Notifier process(es) (`ConcurrentMessageLimit` {settings.ConcurrentMessageLimit}, `PrefetchCount` {settings.PrefetchCount}, `Email:PoolSize` {settings.PoolSize}), Release builds, on the load profile's PostgreSQL 15 and RabbitMQ 3.10, with the sink and the load tool: everything on this machine. Sink: {Sink(settings.Sink)}. Set-up, not measured: services up in {result.SetUp.ServicesSeconds:0.0} s, {settings.Accounts:N0} accounts created in {result.SetUp.CreateSeconds:0.0} s ({result.SetUp.CreatePerSecond(settings.Accounts):N0}/s), their windows set to T0 in {result.SetUp.OpenSeconds:0.0} s{(settings.Warm ? "" : Invariant($", deactivated in {result.SetUp.DeactivateSeconds:0.0} s"))}; then {result.SetUp.IdleBeforeDueSeconds:0.0} s idle until T0.
            """));
    }

    public static string Sink(SinkKind kind) => kind == SinkKind.Dotnet
        ? "the load tool's .NET SMTP sink, a process of its own that reads every byte, answers per RFC 5321 (PIPELINING) and records each message's receipt time and `X-ArScale-Notice-Id` (ceiling on this machine in `sink.md`)"
        : "the load profile's aiosmtpd (one Python process writing a Maildir; a few hundred messages/s at most, `sink.md`): receipt time = the message file's modification time";
}
