namespace ArScale.Dunning;

/// <summary>
/// A 0–1000 behavioural score. A new account starts at 850; lateness, broken promises, lost disputes and
/// current arrears take points off, a record of paying on time and keeping promises adds them back.
/// Each factor is capped so one bad habit cannot zero the score on its own.
/// </summary>
public static class CreditScore
{
    public const int Maximum = 1000;
    public const int Start = 850;

    public static int Calculate(PaymentHistory history, int daysPastDueOfOldestUnpaid)
    {
        ArgumentNullException.ThrowIfNull(history);
        decimal score = Start;
        if (history.ItemsPaid > 0)
        {
            var averageDaysLate = (decimal)history.TotalDaysLate / history.ItemsPaid;
            var lateShare = (decimal)history.ItemsPaidLate / history.ItemsPaid;
            score -= Math.Min(250m, averageDaysLate * 5m);
            score -= lateShare * 150m;
            score += Math.Min(150m, (history.ItemsPaid - history.ItemsPaidLate) * 5m);
        }

        score -= Math.Min(240m, history.PromisesBroken * 80m);
        score += Math.Min(50m, history.PromisesKept * 10m);
        score -= Math.Min(180m, history.DisputesLost * 60m);
        score -= Math.Min(200m, Math.Max(0, daysPastDueOfOldestUnpaid) * 2m);
        return (int)Math.Clamp(decimal.Round(score, MidpointRounding.AwayFromZero), 0m, Maximum);
    }
}
