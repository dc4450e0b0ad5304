namespace ArScale.Dunning;

/// <param name="DueDate">Null means: from the account's payment terms.</param>
/// <param name="Instalments">Optional schedule that must add up to the amount; it replaces the due date for dunning.</param>
public sealed record IssueInvoice(
    string CommandId,
    string InvoiceId,
    Money Amount,
    DateOnly IssueDate,
    DateOnly? DueDate = null,
    IReadOnlyList<InstalmentSpec>? Instalments = null) : AccountCommand(CommandId);

/// <param name="InvoiceId">Null: the payment goes to the oldest due item first, then fees, the rest is kept as credit.</param>
public sealed record RecordPayment(
    string CommandId,
    string PaymentId,
    Money Amount,
    DateOnly Date,
    string? InvoiceId = null) : AccountCommand(CommandId);

public sealed record IssueCreditNote(
    string CommandId,
    string CreditNoteId,
    Money Amount,
    DateOnly Date,
    string Reason,
    string? InvoiceId = null) : AccountCommand(CommandId);

/// <param name="Amount">Null writes off everything still unpaid on the invoice.</param>
public sealed record WriteOffInvoice(
    string CommandId,
    string WriteOffId,
    string InvoiceId,
    DateOnly Date,
    string Reason,
    Money? Amount = null) : AccountCommand(CommandId);
