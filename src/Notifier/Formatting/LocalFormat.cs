using System.Collections.Concurrent;
using System.Globalization;
using ArScale.Dunning;

namespace ArScale.Notifier.Formatting;

/// <summary>
/// Amounts and dates as the customer reads them: the account's locale for digits and separators, the
/// currency's own symbol and minor units, and calendar dates in the account's time zone.
/// </summary>
public sealed class LocalFormat
{
    // Symbols a reader recognises when the amount is not in their own country's currency; "$" alone would be ambiguous.
    private static readonly Dictionary<string, string> InternationalSymbols = new(StringComparer.Ordinal)
    {
        ["EUR"] = "€", ["GBP"] = "£", ["USD"] = "US$", ["CNY"] = "CN¥", ["JPY"] = "JP¥", ["HKD"] = "HK$",
        ["SGD"] = "S$", ["AUD"] = "A$", ["CAD"] = "CA$", ["NZD"] = "NZ$", ["INR"] = "₹", ["KRW"] = "₩", ["CHF"] = "CHF ",
    };

    private static readonly Dictionary<string, string> DatePatterns = new(StringComparer.Ordinal)
    {
        ["en"] = "d MMM yyyy",
        ["zh"] = "yyyy年M月d日",
    };

    private static readonly ConcurrentDictionary<string, LocalFormat> Cache = new(StringComparer.Ordinal);

    private readonly CultureInfo culture;
    private readonly RegionInfo? region;
    private readonly TimeZoneInfo timeZone;
    private readonly string datePattern;

    private LocalFormat(string locale, string timeZone)
    {
        culture = CultureInfo.CreateSpecificCulture(locale);
        region = culture.Name.Contains('-', StringComparison.Ordinal) ? new RegionInfo(culture.Name) : null;
        this.timeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        datePattern = DatePatterns.GetValueOrDefault(culture.TwoLetterISOLanguageName) ?? culture.DateTimeFormat.LongDatePattern;
    }

    /// <summary>The format for a locale and IANA time zone; throws when either is unknown to this machine.</summary>
    public static LocalFormat For(string locale, string timeZone) =>
        Cache.GetOrAdd($"{locale}|{timeZone}", static (_, key) => new LocalFormat(key.Locale, key.TimeZone), (Locale: locale, TimeZone: timeZone));

    public string Money(string currency, decimal amount)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = region?.ISOCurrencySymbol == currency
            ? culture.NumberFormat.CurrencySymbol
            : InternationalSymbols.GetValueOrDefault(currency) ?? currency + " ";
        format.CurrencyDecimalDigits = Currencies.IsKnown(currency) ? Currencies.MinorUnits(currency) : 2;
        return amount.ToString("C", format);
    }

    /// <summary>Several currencies are listed side by side, never added together.</summary>
    public string Money(IEnumerable<(string Currency, decimal Amount)> amounts) =>
        string.Join(" + ", amounts.Select(amount => Money(amount.Currency, amount.Amount)));

    public string Date(DateOnly date) => date.ToString(datePattern, culture);

    /// <summary>The calendar date of an instant where the customer lives: 23:30 UTC is already tomorrow in Shanghai.</summary>
    public string Date(DateTimeOffset instant) => Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, timeZone).DateTime));
}
