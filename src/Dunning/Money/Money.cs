using System.Globalization;

namespace ArScale.Dunning;

/// <summary>An amount in one ISO 4217 currency. Never floating point.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Of(decimal amount, string currency)
    {
        if (!Currencies.IsKnown(currency))
        {
            throw new ArgumentException($"'{currency}' is not a known ISO 4217 currency code.", nameof(currency));
        }

        return new Money(Currencies.Round(amount, currency), currency);
    }

    public static Money Zero(string currency) => new(0m, currency);

    public Money Rounded() => this with { Amount = Currencies.Round(Amount, Currency) };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount} {Currency}");
}
