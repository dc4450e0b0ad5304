using ArScale.Dunning;

namespace ArScale.Gateway.Billing.Requests;

/// <summary>
/// Creates or replaces an account's profile. <see cref="RequestId"/> identifies this version of it: the same
/// request sent twice is stored once, a different profile under the same request id is a conflict.
/// </summary>
public sealed record AccountRequest(
    string RequestId,
    string Name,
    IReadOnlyList<ContactRequest> Contacts,
    string Locale,
    string TimeZone,
    Segment Segment,
    PaymentTermsRequest PaymentTerms,
    MoneyRequest? CreditLimit = null,
    string? CollectorId = null,
    FlagsRequest? Flags = null) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => [("requestId", RequestId)];

    public UpsertProfile ToCommand() => new(
        $"profile:{RequestId}",
        new AccountProfile(
            Name, [.. Contacts.Select(contact => new Contact(contact.Kind, contact.Address, contact.Name))], Locale, TimeZone, Segment,
            CreditLimit?.ToMoney(), PaymentTerms.ToTerms(), CollectorId,
            Flags is { } flags ? new AccountFlags(flags.DunningPaused, flags.DoNotContact, flags.AutoPay) : null));
}

/// <summary>An account inside a bulk upsert, which names it.</summary>
public sealed record BulkAccountRequest(string AccountId, AccountRequest Account) : IRequestIds
{
    public IEnumerable<(string Field, string? Id)> Ids() => [("accountId", AccountId), ("account.requestId", Account?.RequestId)];

    public AccountWrite ToWrite() => new(AccountId, Account.ToCommand());
}

public sealed record ContactRequest(ContactKind Kind, string Address, string? Name = null);

public sealed record MoneyRequest(decimal Amount, string Currency)
{
    public Money ToMoney() => new(Amount, Currency);
}

/// <summary><c>net</c>: due <see cref="NetDays"/> after issue; <c>monthly-settlement</c>: on a statement on <see cref="StatementDay"/>, due <see cref="NetDays"/> after it.</summary>
public sealed record PaymentTermsRequest(PaymentTermsKind Kind, int NetDays, int? StatementDay = null)
{
    public PaymentTerms ToTerms() => new(Kind, NetDays, StatementDay);
}

public sealed record FlagsRequest(bool DunningPaused = false, bool DoNotContact = false, bool AutoPay = false);
