using System.Text.Json.Serialization;

namespace ArScale.Dunning;

/// <summary>A change the grain asks of an account. <see cref="CommandId"/> makes it idempotent.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(UpsertProfile), "upsert-profile")]
[JsonDerivedType(typeof(IssueInvoice), "issue-invoice")]
[JsonDerivedType(typeof(RecordPayment), "record-payment")]
[JsonDerivedType(typeof(IssueCreditNote), "issue-credit-note")]
[JsonDerivedType(typeof(OpenDispute), "open-dispute")]
[JsonDerivedType(typeof(ResolveDispute), "resolve-dispute")]
[JsonDerivedType(typeof(PromiseToPay), "promise-to-pay")]
[JsonDerivedType(typeof(SetInstalmentPlan), "set-instalment-plan")]
[JsonDerivedType(typeof(ConfirmStatement), "confirm-statement")]
[JsonDerivedType(typeof(DisputeStatement), "dispute-statement")]
[JsonDerivedType(typeof(WriteOffInvoice), "write-off")]
[JsonDerivedType(typeof(AssignCollector), "assign-collector")]
[JsonDerivedType(typeof(AddCollectionNote), "add-collection-note")]
[JsonDerivedType(typeof(PauseDunning), "pause-dunning")]
[JsonDerivedType(typeof(ResumeDunning), "resume-dunning")]
[JsonDerivedType(typeof(RecordNoticeOutcome), "record-notice-outcome")]
public abstract record AccountCommand(string CommandId);
