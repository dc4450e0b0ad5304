namespace ArScale.Dunning;

/// <summary>The ISO 4217 currencies the platform accepts, with their minor units.</summary>
public static class Currencies
{
    // A closed list on purpose: a typo in an upstream feed ("EUD") must be rejected, not booked.
    private static readonly Dictionary<string, int> MinorUnitsByCode = new(StringComparer.Ordinal)
    {
        ["AED"] = 2, ["AUD"] = 2, ["BHD"] = 3, ["BRL"] = 2, ["CAD"] = 2, ["CHF"] = 2, ["CLP"] = 0,
        ["CNY"] = 2, ["CZK"] = 2, ["DKK"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["HKD"] = 2, ["HUF"] = 2,
        ["IDR"] = 2, ["ILS"] = 2, ["INR"] = 2, ["ISK"] = 0, ["JOD"] = 3, ["JPY"] = 0, ["KRW"] = 0,
        ["KWD"] = 3, ["MXN"] = 2, ["MYR"] = 2, ["NOK"] = 2, ["NZD"] = 2, ["OMR"] = 3, ["PHP"] = 2,
        ["PLN"] = 2, ["RON"] = 2, ["SAR"] = 2, ["SEK"] = 2, ["SGD"] = 2, ["THB"] = 2, ["TND"] = 3,
        ["TRY"] = 2, ["TWD"] = 2, ["USD"] = 2, ["VND"] = 0, ["ZAR"] = 2,
    };

    public static IReadOnlyCollection<string> All => MinorUnitsByCode.Keys;

    public static bool IsKnown(string? code) => code is not null && MinorUnitsByCode.ContainsKey(code);

    public static int MinorUnits(string code) =>
        MinorUnitsByCode.TryGetValue(code, out var units)
            ? units
            : throw new ArgumentException($"'{code}' is not a known ISO 4217 currency code.", nameof(code));

    // Commercial rounding (half away from zero) is what customers see on paper invoices and statements.
    public static decimal Round(decimal amount, string code) =>
        decimal.Round(amount, MinorUnits(code), MidpointRounding.AwayFromZero);

    public static bool HasValidPrecision(decimal amount, string code) => Round(amount, code) == amount;
}
