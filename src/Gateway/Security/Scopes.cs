namespace ArScale.Gateway.Security;

/// <summary>What an API key may do. <see cref="Admin"/> implies every other scope.</summary>
public static class Scopes
{
    public const string BillingWrite = "billing:write";
    public const string CollectionsWrite = "collections:write";

    /// <summary>Writing off bad debt: a loss on the books, so apart from the collectors' everyday <see cref="CollectionsWrite"/>.</summary>
    public const string WriteOff = "collections:write-off";
    public const string ReportsRead = "reports:read";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [BillingWrite, CollectionsWrite, WriteOff, ReportsRead, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    public static bool Grants(IEnumerable<string> held, string required) =>
        held.Any(scope => string.Equals(scope, required, StringComparison.Ordinal) || string.Equals(scope, Admin, StringComparison.Ordinal));
}
