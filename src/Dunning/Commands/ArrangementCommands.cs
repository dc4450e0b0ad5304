namespace ArScale.Dunning;

public sealed record OpenDispute(string CommandId, string DisputeId, string InvoiceId, string Reason) : AccountCommand(CommandId);

public enum DisputeOutcome
{
    CustomerFavour,
    LenderFavour,
}

/// <param name="CreditAmount">For a customer-favour outcome: the write-down; null credits everything still unpaid.</param>
public sealed record ResolveDispute(
    string CommandId,
    string DisputeId,
    DisputeOutcome Outcome,
    Money? CreditAmount = null) : AccountCommand(CommandId);

public sealed record PromiseToPay(
    string CommandId,
    string PromiseId,
    DateOnly Date,
    Money Amount,
    IReadOnlyList<string> InvoiceIds) : AccountCommand(CommandId);

public sealed record SetInstalmentPlan(
    string CommandId,
    string InvoiceId,
    IReadOnlyList<InstalmentSpec> Instalments) : AccountCommand(CommandId);

public sealed record ConfirmStatement(string CommandId, string StatementId) : AccountCommand(CommandId);

public sealed record DisputeStatement(
    string CommandId,
    string StatementId,
    IReadOnlyList<string> InvoiceIds,
    string Reason) : AccountCommand(CommandId);
