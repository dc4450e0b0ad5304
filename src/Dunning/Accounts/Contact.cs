namespace ArScale.Dunning;

public enum ContactKind
{
    Email,
    Phone,
}

public sealed record Contact(ContactKind Kind, string Address, string? Name = null);
