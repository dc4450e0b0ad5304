using System.Globalization;

namespace ArScale.Load.Scenarios.Ingest;

/// <summary>
/// The run's accounts and invoices, as a billing system would send them: accounts spread over segments, time zones
/// and locales; each invoice issued today and due in 30 days, so nothing falls due during the run and every write
/// is an invoice stored plus the account's reminder moved, nothing else.
/// </summary>
public sealed class IngestCatalog(string runId, IngestSettings settings, DateOnly today)
{
    public const string Currency = "EUR";

    private static readonly (string Segment, string Locale, string TimeZone)[] Profiles =
    [
        ("standard", "en", "Europe/London"),
        ("priority", "en", "America/New_York"),
        ("key-account", "zh-CN", "Asia/Shanghai"),
        ("standard", "en", "Europe/Berlin"),
    ];

    public string AccountId(int index) => string.Create(CultureInfo.InvariantCulture, $"ING-{runId}-{index:D7}");

    /// <summary>The amount of invoice <paramref name="index"/>: varied, in whole cents, so the projection's total is exact.</summary>
    public static decimal Amount(int index) => 50m + (index % 977) + ((index % 89) / 100m);

    public decimal TotalAmount => Enumerable.Range(0, settings.Invoices).Sum(Amount);

    public object AccountItem(int index)
    {
        var (segment, locale, timeZone) = Profiles[index % Profiles.Length];
        var accountId = AccountId(index);
        return new
        {
            accountId,
            account = new
            {
                requestId = $"{accountId}-created",
                name = string.Create(CultureInfo.InvariantCulture, $"Customer {index}"),
                contacts = new[] { new { kind = "email", address = string.Create(CultureInfo.InvariantCulture, $"customer{index}@load.example.test") } },
                locale,
                timeZone,
                segment,
                paymentTerms = new { kind = "net", netDays = 30 },
            },
        };
    }

    /// <summary>
    /// Invoice <paramref name="index"/>'s account. Interleaved: consecutive invoices belong to consecutive accounts, so
    /// a batch of B spans B accounts (B grain writes). Grouped: an account's invoices are consecutive.
    /// </summary>
    public int AccountOf(int index)
    {
        var perAccount = Math.Max(1, settings.Invoices / settings.Accounts);
        return settings.Grouped ? Math.Min(index / perAccount, settings.Accounts - 1) : index % settings.Accounts;
    }

    public object InvoiceItem(int index) => new
    {
        accountId = AccountId(AccountOf(index)),
        invoiceId = string.Create(CultureInfo.InvariantCulture, $"INV-{runId}-{index:D8}"),
        amount = Amount(index),
        currency = Currency,
        issueDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        dueDate = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
