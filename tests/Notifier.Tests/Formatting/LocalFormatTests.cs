using ArScale.Notifier.Formatting;

namespace ArScale.Notifier.Tests.Formatting;

public sealed class LocalFormatTests
{
    [Theory]
    [InlineData("en", "EUR", 1234.5, "€1,234.50")]
    [InlineData("en", "USD", 1234.5, "$1,234.50")]
    [InlineData("en", "CNY", 88, "CN¥88.00")]
    [InlineData("en", "JPY", 5000, "JP¥5,000")]
    [InlineData("zh-CN", "CNY", 8800, "¥8,800.00")]
    [InlineData("zh-CN", "EUR", 15, "€15.00")]
    [InlineData("en", "KWD", 1.5, "KWD 1.500")]
    public void Amounts_use_the_locales_separators_and_the_currencys_symbol_and_minor_units(string locale, string currency, decimal amount, string expected) =>
        Assert.Equal(expected, LocalFormat.For(locale, "UTC").Money(currency, amount));

    [Fact]
    public void Several_currencies_are_listed_side_by_side_never_summed() =>
        Assert.Equal("€10.00 + US$5.00", LocalFormat.For("en-GB", "UTC").Money([("EUR", 10m), ("USD", 5m)]));

    [Theory]
    [InlineData("en", "15 Nov 2026")]
    [InlineData("zh-CN", "2026年11月15日")]
    public void Dates_read_as_the_locale_writes_them(string locale, string expected) =>
        Assert.Equal(expected, LocalFormat.For(locale, "UTC").Date(new DateOnly(2026, 11, 15)));

    [Theory]
    [InlineData("Asia/Shanghai", "24 Nov 2026")]
    [InlineData("America/New_York", "23 Nov 2026")]
    public void An_instant_becomes_the_calendar_date_where_the_customer_lives(string timeZone, string expected) =>
        Assert.Equal(expected, LocalFormat.For("en", timeZone).Date(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void An_unknown_time_zone_is_an_error_not_a_guess() =>
        Assert.ThrowsAny<TimeZoneNotFoundException>(() => LocalFormat.For("en", "Mars/Olympus_Mons"));
}
