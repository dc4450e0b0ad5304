namespace ArScale.Dunning;

public enum PaymentTermsKind
{
    Net,
    MonthlySettlement,
}

/// <summary>
/// Net N days from the issue date, or monthly settlement: invoices are gathered on a statement
/// on <see cref="StatementDay"/> (1–28, so every month has it) and fall due <see cref="NetDays"/> after it.
/// </summary>
public sealed record PaymentTerms(PaymentTermsKind Kind, int NetDays, int? StatementDay = null)
{
    public static PaymentTerms NetDaysFromIssue(int days) => new(PaymentTermsKind.Net, days);

    public static PaymentTerms Monthly(int statementDay, int daysAfterStatement) =>
        new(PaymentTermsKind.MonthlySettlement, daysAfterStatement, statementDay);

    public DateOnly DueDateFor(DateOnly issueDate) => Kind switch
    {
        PaymentTermsKind.MonthlySettlement => StatementDates.OnOrAfter(issueDate, StatementDay ?? 1).AddDays(NetDays),
        _ => issueDate.AddDays(NetDays),
    };
}
