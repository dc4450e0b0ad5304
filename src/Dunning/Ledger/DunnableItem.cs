namespace ArScale.Dunning;

/// <summary>What dunning works on: a whole invoice, or one instalment of it (id <c>inv-9/2</c>).</summary>
public sealed record DunnableItem(
    string Id,
    string InvoiceId,
    int? InstalmentNumber,
    DateOnly DueDate,
    Money Amount,
    Money Outstanding)
{
    public string Currency => Amount.Currency;

    public bool IsOpen => Outstanding.Amount > 0;

    public int DaysPastDue(DateOnly today) => today.DayNumber - DueDate.DayNumber;

    public static string InstalmentId(string invoiceId, int number) => $"{invoiceId}/{number}";
}
