using ArScale.Load.Infrastructure;

namespace ArScale.Load.Tests.Infrastructure;

/// <summary>A storm report says what broke from the services' console logs: error entries by kind, and the exceptions behind them.</summary>
public sealed class ServiceLogsTests : IDisposable
{
    private readonly string logFile = Path.Combine(Path.GetTempPath(), $"arscale-service-{Guid.NewGuid():N}.log");

    [Fact]
    public void Error_entries_are_counted_by_kind_with_their_first_message_and_the_exceptions_behind_them()
    {
        File.WriteAllLines(logFile,
        [
            "info: Orleans.Runtime.Silo[100404]",
            "      Silo started",
            "fail: Orleans.Storage.AdoNetGrainStorage[102202]",
            "      Error reading grain state: GrainId=storm-1",
            "      Npgsql.NpgsqlException (0x80004005): The connection pool has been exhausted (currently 100)",
            "         at Npgsql.PoolingDataSource.Get()",
            "fail: Orleans.Storage.AdoNetGrainStorage[102202]",
            "      Error reading grain state: GrainId=storm-2",
            "      Npgsql.NpgsqlException (0x80004005): The connection pool has been exhausted (currently 100)",
            "warn: Orleans.Messaging[101038]",
            "      Dropping a message",
            "crit: ArScale.Silo[1]",
            "      Out of patience",
        ]);

        var failures = ServiceLogs.Failures("silo-1", logFile);

        Assert.Equal(3, failures.Total);
        var first = failures.Top[0];
        Assert.Equal(("Orleans.Storage.AdoNetGrainStorage[102202]", 2L, "Error reading grain state: GrainId=storm-1"), (first.Category, first.Count, first.Example));
        Assert.Equal("ArScale.Silo[1]", failures.Top[1].Category);
        var exception = Assert.Single(failures.Exceptions);
        Assert.Equal(("Npgsql.NpgsqlException (0x#): The connection pool has been exhausted (currently #)", 2L), (exception.Message, exception.Count));
    }

    [Fact]
    public void A_log_without_errors_has_none()
    {
        File.WriteAllLines(logFile, ["info: ArScale.Notifier[1]", "      Started", "warn: MassTransit[0]", "      Slow consumer"]);

        var failures = ServiceLogs.Failures("notifier-1", logFile);

        Assert.Equal(0, failures.Total);
        Assert.Empty(failures.Top);
        Assert.Empty(failures.Exceptions);
    }

    public void Dispose() => File.Delete(logFile);
}
