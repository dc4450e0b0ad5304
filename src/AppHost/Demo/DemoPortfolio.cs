namespace ArScale.AppHost.Demo;

/// <summary>A generated portfolio, in the shape the Gateway's public API takes it.</summary>
public sealed record DemoPortfolio(
    string Tag,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<DemoAccount> Accounts,
    IReadOnlyList<DemoInvoice> Invoices,
    IReadOnlyList<DemoPayment> Payments,
    IReadOnlyList<DemoDispute> Disputes,
    IReadOnlyList<DemoPromise> Promises);

/// <summary>
/// A customer. <see cref="WindowOpensAt"/> is when its segment's send window next opens in its time zone (the
/// generation time itself when it is open then): its notices go out no earlier.
/// </summary>
public sealed record DemoAccount(
    string AccountId, string Name, string Email, string? Phone, string Locale, string TimeZone, string Segment,
    string Currency, int NetDays, DateOnly LocalToday, DateTimeOffset WindowOpensAt);

/// <summary>An invoice; <see cref="DaysPastDue"/> is negative while it is not yet due (relative to the account's local day).</summary>
public sealed record DemoInvoice(string AccountId, string InvoiceId, decimal Amount, string Currency, DateOnly IssueDate, DateOnly DueDate, int DaysPastDue);

public sealed record DemoPayment(string AccountId, string PaymentId, decimal Amount, string Currency, DateOnly Date, string InvoiceId);

public sealed record DemoDispute(string AccountId, string DisputeId, string InvoiceId, string Reason);

public sealed record DemoPromise(string AccountId, string PromiseId, DateOnly Date, decimal Amount, string Currency, string InvoiceId);
