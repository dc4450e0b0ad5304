namespace ArScale.Gateway.Billing;

/// <summary>The lender's account id is the grain's key and is joined with ':' into notice ids, so it has the same rules as every other id.</summary>
public static class AccountIds
{
    public static string? Problem(string? accountId) =>
        string.IsNullOrWhiteSpace(accountId) ? "is required"
        : accountId.Length > 100 || accountId.Any(c => char.IsWhiteSpace(c) || c is ':' or '+' or '/')
            ? $"'{accountId}' must be at most 100 characters without spaces, ':', '+' or '/'"
            : null;
}
