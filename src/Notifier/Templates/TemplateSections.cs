namespace ArScale.Notifier.Templates;

/// <summary>
/// A template file holds a message's parts, each after a marker line: <c>--- subject ---</c>, <c>--- text ---</c>,
/// <c>--- html ---</c>. One file per (key, channel, locale) keeps what a lender edits together.
/// </summary>
public static class TemplateSections
{
    public const string Subject = "subject";
    public const string Text = "text";
    public const string Html = "html";

    public static IReadOnlyList<string> RequiredFor(string channel) => channel switch
    {
        "email" or "letter" => [Subject, Text, Html],
        _ => [Text],
    };

    /// <summary>The sections of a file by name, or the problems found (an unknown or repeated marker).</summary>
    public static (Dictionary<string, string> Sections, List<string> Problems) Split(string source)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        string? current = null;
        var body = new System.Text.StringBuilder();

        foreach (var line in source.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("--- ", StringComparison.Ordinal) && trimmed.EndsWith(" ---", StringComparison.Ordinal) && trimmed.Length > 8)
            {
                Close();
                current = trimmed[4..^4].Trim();
                if (current is not (Subject or Text or Html))
                {
                    problems.Add($"unknown section '{current}' (expected subject, text or html)");
                }
                else if (sections.ContainsKey(current))
                {
                    problems.Add($"section '{current}' appears twice");
                }

                continue;
            }

            if (current is not null)
            {
                body.Append(line).Append('\n');
            }
        }

        Close();
        return (sections, problems);

        void Close()
        {
            if (current is not null)
            {
                sections.TryAdd(current, current == Subject ? body.ToString().Trim() : body.ToString().Trim('\n') + "\n");
            }

            body.Clear();
        }
    }
}
