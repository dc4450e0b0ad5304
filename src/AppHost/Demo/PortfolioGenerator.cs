using System.Globalization;
using ArScale.Dunning;

namespace ArScale.AppHost.Demo;

/// <summary>
/// Makes a realistic portfolio that starts working at once: thousands of customers over the three segments and
/// twenty regions, with invoices overdue by days to months, due today, inside the courtesy period, or current;
/// a few partial payments, disputes and promises to pay. More than half of the customers are placed in regions
/// whose send window (by their segment's policy) is open now, so their notices go out the moment their invoices
/// arrive; some in regions whose window opens within the hour. Deterministic: the same seed, moment and
/// policies give the same portfolio.
/// </summary>
public sealed class PortfolioGenerator(PolicyCatalog policies, int seed)
{
    /// <summary>Customers placed where the window is open now, of those whose segment has such a region.</summary>
    public const double ShareOpenNow = 0.6;

    /// <summary>Customers placed where the window opens within <see cref="SoonHorizon"/>.</summary>
    public const double ShareOpeningSoon = 0.1;

    public static readonly TimeSpan SoonHorizon = TimeSpan.FromHours(1);

    /// <summary>Seeding takes seconds: a window closing sooner than this is not counted as open.</summary>
    public static readonly TimeSpan OpenMargin = TimeSpan.FromMinutes(10);

    private static readonly (string Segment, double Share, decimal MinUsd, decimal MaxUsd, int[] NetDays)[] Segments =
    [
        ("standard", 0.70, 40m, 1_500m, [14, 30]),
        ("priority", 0.22, 400m, 12_000m, [30, 45]),
        ("key-account", 0.08, 5_000m, 180_000m, [45, 60]),
    ];

    /// <summary>Days past due of overdue invoices, by weight: the younger the debt, the more common.</summary>
    private static readonly (int Low, int High, double Weight)[] OverdueRanges = [(1, 6, 30), (7, 14, 25), (15, 29, 20), (30, 59, 15), (60, 90, 10)];

    private static readonly string[] DisputeReasons =
    [
        "goods arrived damaged", "amount does not match the order", "service not delivered in full", "invoice sent twice",
        "price differs from the contract", "returned the goods last month",
    ];

    public DemoPortfolio Generate(int accountCount, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(accountCount, 1);
        var random = new Random(seed);
        var tag = now.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture);
        var accounts = new List<DemoAccount>(accountCount);
        var invoices = new List<DemoInvoice>();
        var payments = new List<DemoPayment>();
        var disputes = new List<DemoDispute>();
        var promises = new List<DemoPromise>();
        var placements = Segments.ToDictionary(segment => segment.Segment, segment => Placements(segment.Segment, now), StringComparer.Ordinal);

        for (var number = 1; number <= accountCount; number++)
        {
            var segment = Pick(random, Segments, segment => segment.Share);
            var policy = PolicyFor(segment.Segment);
            var region = Place(random, placements[segment.Segment]);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(region.TimeZone);
            var localToday = ZoneTime.LocalDate(now, zone);
            var account = NewAccount(random, $"DEMO-{tag}-{number:D5}", segment, region, localToday, policy.SendWindow.NextOpening(now, zone));
            accounts.Add(account);

            var courtesyDays = -policy.Stages.Min(stage => Math.Min(stage.OffsetDays, 0));
            var count = segment.Segment == "key-account" ? random.Next(2, 7) : Pick(random, [1, 2, 3, 4], n => 5 - n);
            for (var index = 0; index < count; index++)
            {
                var daysPastDue = DaysPastDue(random, courtesyDays, account.NetDays);
                var due = localToday.AddDays(-daysPastDue);
                var amount = Currencies.Round(Usd(random, segment.MinUsd, segment.MaxUsd) * region.UsdRate, region.Currency);
                var invoice = new DemoInvoice(
                    account.AccountId, $"INV-{tag}-{invoices.Count + 1:D6}", amount, region.Currency, due.AddDays(-account.NetDays), due, daysPastDue);
                invoices.Add(invoice);
                if (daysPastDue > 3 && random.NextDouble() < 0.08)
                {
                    var paid = Currencies.Round(amount * (decimal)(0.2 + random.NextDouble() * 0.4), region.Currency);
                    var paidOn = localToday.AddDays(-random.Next(0, Math.Min(daysPastDue, 20)));
                    payments.Add(new DemoPayment(account.AccountId, $"PAY-{tag}-{payments.Count + 1:D6}", paid, region.Currency, paidOn, invoice.InvoiceId));
                }
            }

            AddArrangement(random, tag, account, invoices, payments, disputes, promises);
        }

        return new DemoPortfolio(tag, now, accounts, invoices, payments, disputes, promises);
    }

    /// <summary>A few customers dispute an overdue invoice; a few more promise to pay one within days.</summary>
    private static void AddArrangement(
        Random random, string tag, DemoAccount account, List<DemoInvoice> invoices, List<DemoPayment> payments,
        List<DemoDispute> disputes, List<DemoPromise> promises)
    {
        var roll = random.NextDouble();
        if (roll >= 0.05)
        {
            return;
        }

        var candidates = invoices.AsEnumerable().Reverse().TakeWhile(invoice => invoice.AccountId == account.AccountId)
            .Where(invoice => invoice.DaysPastDue > 0 && !payments.Exists(payment => payment.InvoiceId == invoice.InvoiceId))
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var invoice = candidates[random.Next(candidates.Count)];
        if (roll < 0.018)
        {
            disputes.Add(new DemoDispute(account.AccountId, $"DSP-{tag}-{disputes.Count + 1:D5}", invoice.InvoiceId, DisputeReasons[random.Next(DisputeReasons.Length)]));
        }
        else
        {
            promises.Add(new DemoPromise(
                account.AccountId, $"PTP-{tag}-{promises.Count + 1:D5}", account.LocalToday.AddDays(random.Next(2, 11)),
                invoice.Amount, invoice.Currency, invoice.InvoiceId));
        }
    }

    /// <summary>
    /// Overdue (by 1 to 90 days, most by less than a month), due today, inside the courtesy period, or current:
    /// each reaches a different stage of the policy, so the first notices show the whole range.
    /// </summary>
    private static int DaysPastDue(Random random, int courtesyDays, int netDays)
    {
        var roll = random.NextDouble();
        if (roll < 0.42)
        {
            var (low, high, _) = Pick(random, OverdueRanges, range => range.Weight);
            return random.Next(low, high + 1);
        }

        if (roll < 0.57)
        {
            return 0;
        }

        return roll < 0.72 && courtesyDays > 0
            ? -random.Next(1, courtesyDays + 1)
            : -random.Next(courtesyDays + 1, Math.Max(courtesyDays + 2, netDays + 1));
    }

    private DemoAccount NewAccount(Random random, string accountId, (string Segment, double Share, decimal MinUsd, decimal MaxUsd, int[] NetDays) segment,
        DemoRegion region, DateOnly localToday, DateTimeOffset windowOpensAt)
    {
        var given = region.GivenNames[random.Next(region.GivenNames.Count)];
        var family = region.FamilyNames[random.Next(region.FamilyNames.Count)];
        var person = region.FamilyNameFirst ? $"{family}{given}" : $"{given} {family}";
        var name = segment.Segment != "key-account" ? person
            : region.FamilyNameFirst ? $"{person}{region.CompanySuffix}" : $"{family} {region.CompanySuffix}";
        var mailbox = region.FamilyNameFirst ? accountId.ToLowerInvariant() : $"{Ascii(given)}.{Ascii(family)}.{accountId[^5..]}";
        var phone = random.NextDouble() < 0.3 ? $"{region.PhonePrefix} {random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture)}" : null;
        return new DemoAccount(
            accountId, name, $"{mailbox}@{region.EmailDomain}", phone, region.Locale, region.TimeZone, segment.Segment, region.Currency,
            segment.NetDays[random.Next(segment.NetDays.Length)], localToday, windowOpensAt);
    }

    /// <summary>Where a segment's customers go: regions open now, regions opening soon, and all of them.</summary>
    private Placement Placements(string segment, DateTimeOffset now)
    {
        var window = PolicyFor(segment).SendWindow;
        var open = new List<DemoRegion>();
        var soon = new List<DemoRegion>();
        foreach (var region in DemoRegions.All)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(region.TimeZone);
            if (window.IsOpen(now, zone) && window.IsOpen(now + OpenMargin, zone))
            {
                open.Add(region);
            }
            else if (window.NextOpening(now, zone) - now is var wait && wait > TimeSpan.Zero && wait <= SoonHorizon)
            {
                soon.Add(region);
            }
        }

        return new Placement(open, soon);
    }

    private static DemoRegion Place(Random random, Placement placement)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < ShareOpenNow when placement.Open.Count > 0 => placement.Open[random.Next(placement.Open.Count)],
            < ShareOpenNow + ShareOpeningSoon when placement.Soon.Count > 0 => placement.Soon[random.Next(placement.Soon.Count)],
            _ => DemoRegions.All[random.Next(DemoRegions.All.Count)],
        };
    }

    private DunningPolicy PolicyFor(string segment) =>
        policies.Policies.Where(policy => policy.Segment is { } s && SegmentName(s) == segment).MaxBy(policy => policy.Version)
        ?? throw new InvalidOperationException($"No dunning policy covers the {segment} segment; the demo needs one per segment.");

    public static string SegmentName(Segment segment) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(segment.ToString());

    /// <summary>A log-uniform amount: many small invoices, a few large ones.</summary>
    private static decimal Usd(Random random, decimal min, decimal max) =>
        (decimal)Math.Exp(Math.Log((double)min) + random.NextDouble() * (Math.Log((double)max) - Math.Log((double)min)));

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = items.Sum(weight);
        var roll = random.NextDouble() * total;
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private static string Ascii(string name)
    {
        var decomposed = name.Replace('ı', 'i').Normalize(System.Text.NormalizationForm.FormD);
        var letters = decomposed.Where(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z').ToArray();
        return new string(letters).ToLowerInvariant();
    }

    private sealed record Placement(List<DemoRegion> Open, List<DemoRegion> Soon);
}
