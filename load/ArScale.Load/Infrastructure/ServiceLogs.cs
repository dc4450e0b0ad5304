namespace ArScale.Load.Infrastructure;

/// <summary>
/// What a service logged at error level during a run (<c>fail:</c> and <c>crit:</c> entries of the console log): how
/// many of each kind, with the first message of each, so a report can say what broke without anyone opening a
/// gigabyte of log.
/// </summary>
public static class ServiceLogs
{
    private const int ExampleLength = 200;

    public static LogFailures Failures(string service, string logFile, int top = 5)
    {
        var counts = new Dictionary<string, (long Count, string Example)>(StringComparer.Ordinal);
        var total = 0L;
        string? pending = null;
        using (var reader = new StreamReader(new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)))
        {
            while (reader.ReadLine() is { } line)
            {
                if (pending is not null)
                {
                    // The entry's message is the line after its "fail: Category[event]" header.
                    var (count, example) = counts.GetValueOrDefault(pending);
                    counts[pending] = (count + 1, example ?? Shorten(line.Trim()));
                    pending = null;
                }

                if (line.StartsWith("fail: ", StringComparison.Ordinal) || line.StartsWith("crit: ", StringComparison.Ordinal))
                {
                    total++;
                    pending = line[6..].Trim();
                }
            }
        }

        return new LogFailures(service, total, [.. counts
            .OrderByDescending(entry => entry.Value.Count)
            .Take(top)
            .Select(entry => new LogFailure(entry.Key, entry.Value.Count, entry.Value.Example))]);
    }

    private static string Shorten(string message) => message.Length <= ExampleLength ? message : message[..ExampleLength] + "…";
}

/// <summary>A service's error-level log entries over a run: the total, and the most frequent kinds.</summary>
public sealed record LogFailures(string Service, long Total, IReadOnlyList<LogFailure> Top);

/// <summary>One kind of error-level entry (its logger category and event id), how often, and its first message.</summary>
public sealed record LogFailure(string Category, long Count, string Example);
