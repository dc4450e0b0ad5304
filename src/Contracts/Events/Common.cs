namespace ArScale.Contracts.Events;

/// <summary>An amount in one currency. Money is decimal with its ISO 4217 code, never floating point.</summary>
public sealed record MoneyAmount(string Currency, decimal Amount);

/// <summary>One invoice (or one instalment of it: <see cref="ItemId"/>) as a notice lists it.</summary>
public sealed record NoticeInvoice(
    string InvoiceId,
    string ItemId,
    string Currency,
    decimal Outstanding,
    DateOnly DueDate,
    int DaysPastDue);

/// <summary>A fee or interest charge posted on an account.</summary>
public sealed record FeeLine(string FeeId, string InvoiceId, string Kind, string Currency, decimal Amount, DateOnly PostedOn);

/// <summary>What every event carries: a deterministic id, so a republished event is recognisably the same one.</summary>
public interface IAccountEvent
{
    string EventId { get; }
    string AccountId { get; }
    DateTimeOffset OccurredAt { get; }
}
