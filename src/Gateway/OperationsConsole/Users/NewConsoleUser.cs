using System.Text.RegularExpressions;

namespace ArScale.Gateway.OperationsConsole.Users;

/// <summary>A user to be created (or written from configuration), validated the same way from every door.</summary>
public sealed partial record NewConsoleUser(string? Name, string? Password, string? Role, string? CollectorId)
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
    public const int MaxCollectorIdLength = 100;

    /// <summary>Names are compared and stored lower-case, trimmed.</summary>
    public static string Normalize(string? name) => name?.Trim().ToLowerInvariant() ?? "";

    public static bool IsValidName(string normalized) => NameShape().IsMatch(normalized);

    public string NormalizedName => Normalize(Name);

    public ConsoleRole ParsedRole => ConsoleRoles.TryParse(Role, out var role) ? role : throw new InvalidOperationException("Validate first.");

    public string? NormalizedCollectorId => string.IsNullOrWhiteSpace(CollectorId) ? null : CollectorId.Trim();

    /// <summary>Every problem by field; empty when the user can be written.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!IsValidName(NormalizedName))
        {
            errors["name"] = ["1 to 64 characters: letters, digits, '.', '_', '-' or '@', starting with a letter or digit"];
        }

        if (Password is not { Length: >= MinPasswordLength and <= MaxPasswordLength })
        {
            errors["password"] = [$"{MinPasswordLength} to {MaxPasswordLength} characters"];
        }

        if (!ConsoleRoles.TryParse(Role, out _))
        {
            errors["role"] = [$"one of {string.Join(", ", ConsoleRoles.Names)}"];
        }

        if (NormalizedCollectorId is { Length: > MaxCollectorIdLength })
        {
            errors["collectorId"] = [$"at most {MaxCollectorIdLength} characters"];
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,63}$")]
    private static partial Regex NameShape();
}
