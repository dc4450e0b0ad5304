namespace ArScale.Dunning;

/// <summary>
/// An account's contact history has two sources. A notice Sent is recorded once, in the Notifier's log: the
/// account's state would be written a second time per e-mail to hold it, and a plain Sent changes no dunning
/// decision. What does go back to the account (a refusal, a bounce, a suppression, a failure) and what older
/// accounts hold already is in the account's own contacts. This puts the two together, newest last.
/// </summary>
public static class ContactHistory
{
    /// <summary>The newest <paramref name="limit"/> contacts of both sources, an entry both hold (the same notice and outcome) once.</summary>
    public static IReadOnlyList<ContactAttempt> Merge(IReadOnlyList<ContactAttempt> recorded, IReadOnlyList<ContactAttempt> logged, int limit = AccountLimits.Contacts)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(logged);
        var seen = new HashSet<(string, NoticeOutcome)>();
        return [.. recorded.Concat(logged)
            .Where(contact => seen.Add((contact.NoticeId, contact.Outcome)))
            .OrderBy(contact => contact.At)
            .ThenBy(contact => contact.NoticeId, StringComparer.Ordinal)
            .TakeLast(limit)];
    }
}
