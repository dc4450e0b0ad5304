using System.Globalization;

namespace ArScale.Dunning;

/// <summary>A validation failure: which field, and why.</summary>
internal readonly record struct Problem(string Field, string Message)
{
    public static Problem? Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? new Problem(field, "is required") : null;

    public static Problem? Id(string? value, string field) =>
        Identifiers.IdRule.Violation(value) is { } violation ? new Problem(field, violation) : null;

    public static Problem? DateWithin(DateOnly value, DateOnly earliest, DateOnly latest, string field) =>
        value < earliest || value > latest
            ? new Problem(field, $"{value:yyyy-MM-dd} must lie between {earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}")
            : null;

    public static Problem? PositiveMoney(Money money, string field)
    {
        if (!Currencies.IsKnown(money.Currency))
        {
            return new Problem($"{field}.currency", $"'{money.Currency}' is not a known ISO 4217 currency code");
        }

        if (money.Amount <= 0)
        {
            return new Problem(field, string.Create(CultureInfo.InvariantCulture, $"must be more than zero, was {money.Amount}"));
        }

        if (money.Amount > AccountLimits.MaxItemAmount)
        {
            return new Problem(field, string.Create(CultureInfo.InvariantCulture, $"must be at most {AccountLimits.MaxItemAmount:N0}, was {money.Amount}"));
        }

        return Currencies.HasValidPrecision(money.Amount, money.Currency)
            ? null
            : new Problem(field, string.Create(CultureInfo.InvariantCulture, $"{money.Amount} has more decimals than {money.Currency} allows ({Currencies.MinorUnits(money.Currency)})"));
    }

    /// <summary>An amount that would take the account past <see cref="AccountLimits.MaxAccountAmount"/> in its currency.</summary>
    public static Problem? AccountTotal(decimal total, string currency, string what, string field) =>
        total > AccountLimits.MaxAccountAmount
            ? new Problem(field, string.Create(CultureInfo.InvariantCulture, $"would bring the account's {what} in {currency} to {total}, more than the {AccountLimits.MaxAccountAmount:N0} one account may hold"))
            : null;

    public static Problem? Schedule(IReadOnlyList<InstalmentSpec>? instalments, decimal total, string currency, DateOnly notBefore, DateOnly notAfter, string field)
    {
        if (instalments is null || instalments.Count == 0)
        {
            return new Problem(field, "needs at least one instalment");
        }

        if (instalments.Count > 120)
        {
            return new Problem(field, "at most 120 instalments");
        }

        var previous = notBefore.AddDays(-1);
        for (var i = 0; i < instalments.Count; i++)
        {
            if (PositiveMoney(new Money(instalments[i].Amount, currency), $"{field}[{i}].amount") is { } bad)
            {
                return bad;
            }

            if (instalments[i].DueDate <= previous)
            {
                return new Problem($"{field}[{i}].dueDate", i == 0
                    ? $"must not be before {notBefore:yyyy-MM-dd}"
                    : "must be after the previous instalment's due date");
            }

            if (instalments[i].DueDate > notAfter)
            {
                return new Problem($"{field}[{i}].dueDate", $"must not be after {notAfter:yyyy-MM-dd}");
            }

            previous = instalments[i].DueDate;
        }

        var sum = instalments.Sum(i => i.Amount);
        return sum == total
            ? null
            : new Problem(field, string.Create(CultureInfo.InvariantCulture, $"instalments add up to {sum} but must add up to {total} {currency}"));
    }
}
