namespace ArScale.Dunning;

/// <summary>Counters, not a log, so the state stays small however long the account lives.</summary>
public sealed class PaymentHistory
{
    public int ItemsPaid { get; set; }
    public int ItemsPaidLate { get; set; }
    public long TotalDaysLate { get; set; }
    public int PromisesKept { get; set; }
    public int PromisesBroken { get; set; }
    public int DisputesWon { get; set; }
    public int DisputesLost { get; set; }

    public void RecordItemPaid(int daysLate)
    {
        ItemsPaid++;
        if (daysLate > 0)
        {
            ItemsPaidLate++;
            TotalDaysLate += daysLate;
        }
    }
}
