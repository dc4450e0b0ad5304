using System.Text.Json.Serialization;

namespace ArScale.Dunning;

/// <summary>
/// An invoice and what has settled it. Settlements reduce its dunnable items in due-date order, so with an
/// instalment plan a payment always completes the earliest unpaid instalment first.
/// </summary>
public sealed class Invoice
{
    public string Id { get; set; } = string.Empty;
    public Money Amount { get; set; }
    public DateOnly IssueDate { get; set; }
    public DateOnly DueDate { get; set; }
    public decimal Paid { get; set; }
    public decimal Credited { get; set; }
    public decimal WrittenOff { get; set; }

    /// <summary>When set, these replace <see cref="DueDate"/> for dunning.</summary>
    public List<Instalment>? Instalments { get; set; }

    /// <summary>How much was already settled when the plan was agreed; the plan covers only the rest.</summary>
    public decimal PlanBase { get; set; }

    /// <summary>Content fingerprint of the command that created it, for idempotent re-issue.</summary>
    public string Fingerprint { get; set; } = string.Empty;

    [JsonIgnore]
    public string Currency => Amount.Currency;

    [JsonIgnore]
    public decimal Settled => Paid + Credited + WrittenOff;

    [JsonIgnore]
    public decimal Outstanding => Amount.Amount - Settled;

    [JsonIgnore]
    public bool IsOpen => Outstanding > 0;

    public IReadOnlyList<DunnableItem> Items()
    {
        if (Instalments is not { Count: > 0 })
        {
            return [new DunnableItem(Id, Id, null, DueDate, Amount, new Money(Outstanding, Currency))];
        }

        var items = new List<DunnableItem>(Instalments.Count);
        var covered = Settled - PlanBase;
        foreach (var instalment in Instalments)
        {
            var settledHere = Math.Clamp(covered, 0m, instalment.Amount);
            covered -= instalment.Amount;
            items.Add(new DunnableItem(
                DunnableItem.InstalmentId(Id, instalment.Number),
                Id,
                instalment.Number,
                instalment.DueDate,
                new Money(instalment.Amount, Currency),
                new Money(instalment.Amount - settledHere, Currency)));
        }

        return items;
    }
}
