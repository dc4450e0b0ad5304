namespace ArScale.Dunning;

/// <summary>Who the customer is and how the lender may reach and dun them.</summary>
public sealed record AccountProfile(
    string Name,
    IReadOnlyList<Contact> Contacts,
    string Locale,
    string TimeZone,
    Segment Segment,
    Money? CreditLimit,
    PaymentTerms Terms,
    string? CollectorId = null,
    AccountFlags? Flags = null,
    PolicyOverride? Policy = null,
    SendWindow? SendWindow = null)
{
    public AccountFlags EffectiveFlags => Flags ?? AccountFlags.None;

    public IEnumerable<string> AddressesFor(ContactKind kind) =>
        Contacts.Where(c => c.Kind == kind).Select(c => c.Address);
}
