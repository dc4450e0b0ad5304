using System.Globalization;

namespace ArScale.Load.Cli;

/// <summary>
/// <c>--name value</c> or <c>--name=value</c> flags of one scenario. Every flag read is remembered, so a flag the
/// scenario never asked for (a typo) stops the run before it starts instead of being silently ignored.
/// </summary>
public sealed class Flags
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public Flags(IEnumerable<string> arguments)
    {
        using var cursor = arguments.GetEnumerator();
        while (cursor.MoveNext())
        {
            var argument = cursor.Current;
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                throw new FlagException($"unexpected argument '{argument}' (flags look like --name value)");
            }

            var name = argument[2..];
            string value;
            if (name.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (cursor.MoveNext())
            {
                value = cursor.Current;
            }
            else
            {
                // A bare flag at the end is a switch.
                value = "true";
            }

            if (!values.TryAdd(name, value))
            {
                throw new FlagException($"--{name} is given twice");
            }
        }
    }

    public int Int(string name, int fallback, int min = 1, int max = int.MaxValue)
    {
        if (Raw(name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FlagException($"--{name} must be a whole number from {min} to {max}, not '{text}'");
    }

    public IReadOnlyList<int> IntList(string name, IReadOnlyList<int> fallback, int min = 1, int max = int.MaxValue)
    {
        if (Raw(name) is not { } text)
        {
            return fallback;
        }

        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new FlagException($"--{name} takes a comma-separated list of whole numbers from {min} to {max}, not '{text}'"));
        }

        return list.Count > 0 ? list : throw new FlagException($"--{name} needs at least one value");
    }

    /// <summary>Seconds, as a plain number (<c>15</c>, <c>2.5</c>).</summary>
    public TimeSpan Seconds(string name, TimeSpan fallback)
    {
        if (Raw(name) is not { } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new FlagException($"--{name} is a number of seconds, not '{text}'");
    }

    public bool Switch(string name)
    {
        if (Raw(name) is not { } text)
        {
            return false;
        }

        return bool.TryParse(text, out var value) ? value : throw new FlagException($"--{name} is a switch (true or false), not '{text}'");
    }

    public string? Text(string name) => Raw(name);

    /// <summary>Call once every flag has been read: anything left over was not a flag of this scenario.</summary>
    public void RejectUnknown()
    {
        var unknown = values.Keys.Where(name => !read.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new FlagException($"unknown flag(s): {string.Join(", ", unknown.Select(name => "--" + name))}");
        }
    }

    private string? Raw(string name)
    {
        read.Add(name);
        return values.GetValueOrDefault(name);
    }
}

public sealed class FlagException(string message) : Exception(message);

/// <summary>One line of a scenario's help.</summary>
public sealed record FlagHelp(string Name, string Default, string Meaning);
