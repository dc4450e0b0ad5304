using ArScale.Dunning;

namespace ArScale.Gateway.Billing.Requests;

/// <summary>A dispute pauses dunning on the invoice until it is resolved.</summary>
public sealed record DisputeRequest(string DisputeId, string InvoiceId, string Reason) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => [("disputeId", DisputeId), ("invoiceId", InvoiceId)];

    public OpenDispute ToCommand() => new($"dispute:{DisputeId}", DisputeId, InvoiceId, Reason);
}

public sealed record ResolveDisputeRequest(DisputeOutcome Outcome, MoneyRequest? Credit = null)
{
    public ResolveDispute ToCommand(string disputeId) => new($"dispute-resolution:{disputeId}", disputeId, Outcome, Credit?.ToMoney());
}

/// <summary>The customer promises to pay by a date: dunning on those invoices waits for it.</summary>
public sealed record PromiseRequest(string PromiseId, DateOnly Date, decimal Amount, string Currency, IReadOnlyList<string> InvoiceIds) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() =>
        [("promiseId", PromiseId), .. InvoiceIds.Select((id, index) => ($"invoiceIds[{index}]", (string?)id))];

    public PromiseToPay ToCommand() => new($"promise:{PromiseId}", PromiseId, Date, new Money(Amount, Currency), InvoiceIds);
}

/// <summary>Replaces the invoice's due date with a schedule that adds up to what is unpaid.</summary>
public sealed record InstalmentPlanRequest(string PlanId, string InvoiceId, IReadOnlyList<InstalmentRequest> Instalments) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => [("planId", PlanId), ("invoiceId", InvoiceId)];

    public SetInstalmentPlan ToCommand() => new($"instalment-plan:{PlanId}", InvoiceId, [.. Instalments.Select(instalment => instalment.ToSpec())]);
}

public sealed record StatementDisputeRequest(IReadOnlyList<string> InvoiceIds, string Reason) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => InvoiceIds.Select((id, index) => ($"invoiceIds[{index}]", (string?)id));

    public DisputeStatement ToCommand(string statementId) => new($"statement-dispute:{statementId}", statementId, InvoiceIds, Reason);
}

public sealed record CollectorRequest(string RequestId, string CollectorId) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => [("requestId", RequestId)];

    public AssignCollector ToCommand() => new($"collector:{RequestId}", CollectorId);
}

public sealed record NoteRequest(string NoteId, string Author, string Text) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => [("noteId", NoteId)];

    public AddCollectionNote ToCommand() => new($"note:{NoteId}", Author, Text);
}

/// <summary>
/// Pauses (with a reason) or resumes all dunning of the account. <see cref="RequestId"/> makes a resend harmless;
/// who asked is taken from the caller's credentials, not from the body.
/// </summary>
public sealed record DunningPauseRequest(string RequestId, bool Paused, string? Reason = null) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => [("requestId", RequestId)];

    public AccountCommand ToCommand(string by) => Paused
        ? new PauseDunning($"dunning-pause:{RequestId}", Reason ?? "", by)
        : new ResumeDunning($"dunning-resume:{RequestId}", by, Reason);
}
