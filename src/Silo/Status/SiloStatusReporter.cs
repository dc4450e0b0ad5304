using ArScale.ServiceDefaults;
using ArScale.Silo.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ArScale.Silo.Status;

/// <summary>The <c>ArScale:SiloStatus</c> section.</summary>
public sealed class SiloStatusOptions
{
    /// <summary>How often the silo writes its row: often enough for a live page, one small upsert per silo per period.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Writes this silo's row in <c>silo_status</c> every few seconds (its activations and <see cref="OutboxDepth"/>),
/// and removes it when the silo stops, so the console sees each silo's outbox without asking any grain. A write
/// that fails is logged and tried again next period; it never affects the silo's own work.
/// </summary>
public sealed partial class SiloStatusReporter(
    ILocalSiloDetails silo, IActivationWorkingSet activations, OutboxDepth outbox, IConfiguration configuration,
    IOptions<SiloStatusOptions> options, TimeProvider time, ILogger<SiloStatusReporter> logger) : BackgroundService
{
    private readonly NpgsqlDataSource database = NpgsqlDataSource.Create(configuration.GetRequiredConnectionString(ConnectionNames.Postgres));
    private readonly DateTimeOffset startedAt = time.GetUtcNow();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var command = database.CreateCommand("DELETE FROM silo_status WHERE silo = @silo AND address = @address");
            command.Parameters.AddWithValue("silo", silo.Name);
            command.Parameters.AddWithValue("address", silo.SiloAddress.ToString());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException)
        {
            // The row goes stale instead, which the console shows as such.
            LogNotWritten(exception);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await ReportAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogNotWritten(exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO silo_status (silo, address, activations, outbox_depth, started_at, updated_at)
            VALUES (@silo, @address, @activations, @outbox, @started, now())
            ON CONFLICT (silo) DO UPDATE SET address = excluded.address, activations = excluded.activations,
                outbox_depth = excluded.outbox_depth, started_at = excluded.started_at, updated_at = excluded.updated_at
            """);
        command.Parameters.AddWithValue("silo", silo.Name);
        command.Parameters.AddWithValue("address", silo.SiloAddress.ToString());
        command.Parameters.AddWithValue("activations", activations.Count);
        command.Parameters.AddWithValue("outbox", outbox.Current);
        command.Parameters.AddWithValue("started", startedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write this silo's row in silo_status")]
    private partial void LogNotWritten(Exception exception);
}
