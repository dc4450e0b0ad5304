using Npgsql;

namespace ArScale.Gateway.SystemStatus;

/// <summary>
/// The silo cluster as Orleans sees it (membership and each silo's runtime statistics, through the management
/// grain), beside what each silo reports about itself in <c>silo_status</c> (its outbox depth). A silo that reports
/// but is not an active member, or a member that stopped reporting, shows as such rather than disappearing.
/// </summary>
public sealed class ClusterStatus(IGrainFactory grains, NpgsqlDataSource database, TimeProvider time)
{
    /// <summary>A silo reports every few seconds; a row older than this belongs to a silo that is gone or stuck.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    public async Task<ClusterView> ReadAsync(CancellationToken cancellationToken)
    {
        var reports = await ReadReportsAsync(cancellationToken);
        var management = grains.GetGrain<IManagementGrain>(0);
        var members = await management.GetDetailedHosts(onlyActive: true);
        var statistics = members.Length == 0 ? [] : await management.GetRuntimeStatistics([.. members.Select(member => member.SiloAddress)]);
        var now = time.GetUtcNow();

        var silos = members.Select((member, index) =>
        {
            var report = reports.GetValueOrDefault(member.SiloName);
            var stats = index < statistics.Length ? statistics[index] : null;
            return new SiloView(
                member.SiloName, member.SiloAddress.ToString(), member.Status.ToString(), new DateTimeOffset(member.StartTime, TimeSpan.Zero),
                stats?.ActivationCount ?? report?.Activations, stats?.RecentlyUsedActivationCount, stats?.EnvironmentStatistics.FilteredCpuUsagePercentage,
                stats?.EnvironmentStatistics.FilteredMemoryUsageBytes, report?.OutboxDepth, report?.UpdatedAt, report is null || now - report.UpdatedAt > StaleAfter);
        }).ToList();

        // Reporting silos Orleans does not list as active: stopped, dead, or in another cluster using this database.
        silos.AddRange(reports.Values.Where(report => silos.TrueForAll(silo => silo.Name != report.Silo)).Select(report => new SiloView(
            report.Silo, report.Address, "NotActive", report.StartedAt, report.Activations, null, null, null, report.OutboxDepth, report.UpdatedAt,
            now - report.UpdatedAt > StaleAfter)));

        return new ClusterView(
            silos.Count(silo => silo.Status == "Active"),
            silos.Where(silo => silo.Status == "Active").Sum(silo => (long)(silo.Activations ?? 0)),
            silos.Where(silo => !silo.Stale).Sum(silo => silo.OutboxDepth ?? 0),
            [.. silos.OrderBy(silo => silo.Name, StringComparer.Ordinal)]);
    }

    private async Task<Dictionary<string, SiloReport>> ReadReportsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT silo, address, activations, outbox_depth, started_at, updated_at FROM silo_status");
        var reports = new Dictionary<string, SiloReport>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var report = new SiloReport(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
            reports[report.Silo] = report;
        }

        return reports;
    }

    private sealed record SiloReport(string Silo, string Address, int Activations, long OutboxDepth, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);
}

/// <param name="OutboxDepth">Events stored by active accounts on silos that report, not yet confirmed by the broker.</param>
public sealed record ClusterView(int ActiveSilos, long Activations, long OutboxDepth, IReadOnlyList<SiloView> Silos);

/// <param name="Stale">The silo has not reported for <see cref="ClusterStatus.StaleAfter"/> (or never): its outbox depth is old news.</param>
public sealed record SiloView(
    string Name, string Address, string Status, DateTimeOffset StartedAt, int? Activations, int? RecentlyUsedActivations, float? CpuPercent,
    long? MemoryBytes, long? OutboxDepth, DateTimeOffset? ReportedAt, bool Stale);
