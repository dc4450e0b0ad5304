using System.Text.RegularExpressions;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// What a service logged at error level during a run (<c>fail:</c> and <c>crit:</c> entries of the console log): how
/// many of each kind with the first message of each, and the exceptions behind them, so a report can say what broke
/// without anyone opening a gigabyte of log.
/// </summary>
public static partial class ServiceLogs
{
    private const int ExampleLength = 200;

    public static LogFailures Failures(string service, string logFile, int top = 5)
    {
        var kinds = new Dictionary<string, (long Count, string? Example)>(StringComparer.Ordinal);
        var exceptions = new Dictionary<string, long>(StringComparer.Ordinal);
        var total = 0L;
        string? pending = null;
        using (var reader = new StreamReader(new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)))
        {
            while (reader.ReadLine() is { } line)
            {
                if (pending is not null)
                {
                    // The entry's message is the line after its "fail: Category[event]" header.
                    var (count, example) = kinds.GetValueOrDefault(pending);
                    kinds[pending] = (count + 1, example ?? Shorten(line.Trim()));
                    pending = null;
                }
                else if (line.StartsWith("fail: ", StringComparison.Ordinal) || line.StartsWith("crit: ", StringComparison.Ordinal))
                {
                    total++;
                    pending = line[6..].Trim();
                }
                else if (ExceptionLine().Match(line) is { Success: true } exception)
                {
                    // Ids, counts and times differ from one entry to the next: masked, the same failure counts once.
                    var key = Numbers().Replace(Shorten(exception.Groups["exception"].Value), number => number.Value.StartsWith("0x", StringComparison.Ordinal) ? "0x#" : "#");
                    exceptions[key] = exceptions.GetValueOrDefault(key) + 1;
                }
            }
        }

        return new LogFailures(
            service,
            total,
            [.. kinds.OrderByDescending(entry => entry.Value.Count).Take(top).Select(entry => new LogFailure(entry.Key, entry.Value.Count, entry.Value.Example ?? ""))],
            [.. exceptions.OrderByDescending(entry => entry.Value).Take(top).Select(entry => new LogException(entry.Key, entry.Value))]);
    }

    private static string Shorten(string message) => message.Length <= ExampleLength ? message : message[..ExampleLength] + "…";

    /// <summary>An exception as the console logger writes it under its entry: indented, type, optional HRESULT, message.</summary>
    [GeneratedRegex(@"^\s{6}(?<exception>[A-Za-z_][\w.]*Exception(?: \(0x[0-9A-Fa-f]+\))?: .*)$")]
    private static partial Regex ExceptionLine();

    /// <summary>Decimal numbers and hexadecimal codes (<c>0x80004005</c>, kept recognisable as a code).</summary>
    [GeneratedRegex(@"0x[0-9A-Fa-f]+|\d+")]
    private static partial Regex Numbers();
}

/// <summary>A service's error-level log entries over a run: the total, the most frequent kinds, and the exceptions behind them.</summary>
public sealed record LogFailures(string Service, long Total, IReadOnlyList<LogFailure> Top, IReadOnlyList<LogException> Exceptions);

/// <summary>One kind of error-level entry (its logger category and event id), how often, and its first message.</summary>
public sealed record LogFailure(string Category, long Count, string Example);

/// <summary>An exception written under error entries (ids and numbers masked), and how often.</summary>
public sealed record LogException(string Message, long Count);
