using System.Diagnostics;
using Npgsql;

namespace ArScale.Load.Scenarios.Scale;

/// <summary>
/// The statement a silo's reminder service runs on every refresh, over the whole ring (one silo owns it all):
/// Orleans' own <c>ReadRangeRows2Key</c> text from <c>orleansquery</c>, timed from here and read to the last row.
/// </summary>
public static class ReminderRangeRead
{
    public static async Task<RangeReadCost> MeasureAsync(string connectionString, string serviceId, int repeats, CancellationToken cancellationToken)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        string text;
        await using (var query = database.CreateCommand("SELECT querytext FROM orleansquery WHERE querykey = 'ReadRangeRows2Key'"))
        {
            text = (string)(await query.ExecuteScalarAsync(cancellationToken))!;
        }

        var timings = new List<double>();
        long rows = 0;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            var clock = Stopwatch.StartNew();
            await using var command = database.CreateCommand(text);
            command.Parameters.AddWithValue("ServiceId", serviceId);
            command.Parameters.AddWithValue("BeginHash", 0);
            command.Parameters.AddWithValue("EndHash", 0);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
            }

            timings.Add(clock.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        return new RangeReadCost(rows, timings[timings.Count / 2], timings[^1]);
    }
}

public sealed record RangeReadCost(long Rows, double MedianMilliseconds, double MaxMilliseconds);
