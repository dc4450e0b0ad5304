using ArScale.Gateway.Security;

namespace ArScale.Gateway.OperationsConsole.Users;

/// <summary>What a console user may do, expressed as the API scopes the console's requests carry.</summary>
public enum ConsoleRole
{
    /// <summary>Reads the portfolio, accounts, notices and the system; changes nothing.</summary>
    Viewer,

    /// <summary>A viewer who also works accounts: notes, promises to pay, disputes, pausing and resuming dunning.</summary>
    Collector,

    /// <summary>Everything, including write-offs and API key administration.</summary>
    Admin,
}

public static class ConsoleRoles
{
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<ConsoleRole>().Select(Name)];

    public static string Name(ConsoleRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out ConsoleRole role)
    {
        role = default;
        var index = Names.ToList().IndexOf(value?.Trim().ToLowerInvariant() ?? "");
        if (index < 0)
        {
            return false;
        }

        role = (ConsoleRole)index;
        return true;
    }

    /// <summary>
    /// The scopes a role carries. Write-offs (<see cref="Scopes.WriteOff"/>) book a loss and are an admin's decision,
    /// not a collector's: a lender expects a second person above the one chasing the debt to sign them off.
    /// </summary>
    public static IReadOnlyList<string> ScopesOf(ConsoleRole role) => role switch
    {
        ConsoleRole.Viewer => [Scopes.ReportsRead],
        ConsoleRole.Collector => [Scopes.ReportsRead, Scopes.CollectionsWrite],
        _ => [Scopes.Admin],
    };
}
