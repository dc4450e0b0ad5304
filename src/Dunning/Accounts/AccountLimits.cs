namespace ArScale.Dunning;

/// <summary>
/// Caps on the histories kept in grain state: a million accounts are held, so each one's state must stay small.
/// Older entries live on in the projections (notice log, collection queue), not here.
/// Ledger entities (invoices, payments, credit notes, write-offs, fees) are never dropped: their ids must stay unique.
/// </summary>
public static class AccountLimits
{
    public const int ProcessedCommands = 256;
    public const int Notices = 100;
    public const int Escalations = 50;
    public const int Contacts = 100;
    public const int Notes = 50;
    public const int Statements = 12;
    public const int PauseChanges = 20;

    internal static void AddCapped<T>(List<T> list, T item, int cap)
    {
        list.Add(item);
        if (list.Count > cap)
        {
            list.RemoveRange(0, list.Count - cap);
        }
    }
}
