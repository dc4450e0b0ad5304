namespace ArScale.Gateway.Security;

/// <summary>What a new key is to be, as the admin endpoint and the command line receive it.</summary>
public sealed record NewApiKey(string? Name, IReadOnlyList<string>? Scopes, int? RequestsPerSecond)
{
    public const int MaxNameLength = 100;
    public const int MaxRequestsPerSecond = 100_000;

    /// <summary>Every problem, by the field the client wrote; empty when the key can be created.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = ["a name is required (say which client system holds the key)"];
        }
        else if (Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"at most {MaxNameLength} characters"];
        }

        if (Scopes is not { Count: > 0 })
        {
            errors["scopes"] = [$"at least one scope is required: {string.Join(", ", Security.Scopes.All)}"];
        }
        else if (Scopes.Where(scope => !Security.Scopes.IsKnown(scope)).ToList() is { Count: > 0 } unknown)
        {
            errors["scopes"] = [$"unknown scope(s) {string.Join(", ", unknown.Select(scope => $"'{scope}'"))}; known: {string.Join(", ", Security.Scopes.All)}"];
        }

        if (RequestsPerSecond is { } rate && rate is < 1 or > MaxRequestsPerSecond)
        {
            errors["requestsPerSecond"] = [$"between 1 and {MaxRequestsPerSecond}, or absent for the default"];
        }

        return errors;
    }

    public string NormalizedName => Name?.Trim() ?? "";

    public string[] NormalizedScopes => [.. (Scopes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
