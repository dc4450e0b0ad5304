using static System.FormattableString;

namespace ArScale.Load.Reports;

/// <summary>
/// Exactly one e-mail per expected notice, by the notice ids the sink saw (<c>X-ArScale-Notice-Id</c>): lost are the
/// expected ids the sink never saw, duplicates the e-mails beyond the first for an expected id, unexpected the e-mails
/// for ids nobody expected (another stage, another channel, a message without the header). All three must be 0.
/// </summary>
public sealed record DeliveryCheck(
    long Expected,
    long Received,
    long Distinct,
    long Lost,
    long Duplicates,
    long Unexpected,
    IReadOnlyList<string> LostExamples,
    IReadOnlyList<string> DuplicatedExamples,
    IReadOnlyList<string> UnexpectedExamples)
{
    private const int Examples = 5;

    public bool Passed => Lost == 0 && Duplicates == 0 && Unexpected == 0;

    /// <param name="expected">The notice ids that must each arrive once.</param>
    /// <param name="received">The notice id of every e-mail the sink accepted for the run (null: the e-mail had none).</param>
    public static DeliveryCheck Of(IReadOnlyCollection<string> expected, IEnumerable<string?> received)
    {
        var wanted = expected as IReadOnlySet<string> ?? expected.ToHashSet(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var unexpected = new List<string>();
        var total = 0L;
        foreach (var id in received)
        {
            total++;
            if (id is null || !wanted.Contains(id))
            {
                unexpected.Add(id ?? "(no X-ArScale-Notice-Id)");
                continue;
            }

            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var lost = wanted.Where(id => !counts.ContainsKey(id)).ToList();
        var duplicated = counts.Where(entry => entry.Value > 1).ToList();
        return new DeliveryCheck(
            wanted.Count, total, counts.Count, lost.Count, duplicated.Sum(entry => (long)entry.Value - 1), unexpected.Count,
            [.. lost.Order(StringComparer.Ordinal).Take(Examples)],
            [.. duplicated.Select(entry => $"{entry.Key} ×{entry.Value}").Order(StringComparer.Ordinal).Take(Examples)],
            [.. unexpected.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(Examples)]);
    }

    /// <summary>One sentence for a report.</summary>
    public string Describe()
    {
        if (Passed)
        {
            return Invariant($"every one of the {Expected:N0} expected notices arrived exactly once ({Received:N0} e-mails): lost 0, duplicates 0, unexpected 0");
        }

        var parts = new List<string> { Invariant($"{Received:N0} e-mails for {Expected:N0} expected notices: lost {Lost:N0}, duplicates {Duplicates:N0}, unexpected {Unexpected:N0}") };
        if (LostExamples.Count > 0)
        {
            parts.Add("lost e.g. " + string.Join(", ", LostExamples.Select(id => $"`{id}`")));
        }

        if (DuplicatedExamples.Count > 0)
        {
            parts.Add("doubled e.g. " + string.Join(", ", DuplicatedExamples.Select(id => $"`{id}`")));
        }

        if (UnexpectedExamples.Count > 0)
        {
            parts.Add("unexpected e.g. " + string.Join(", ", UnexpectedExamples.Select(id => $"`{id}`")));
        }

        return string.Join("; ", parts);
    }
}
