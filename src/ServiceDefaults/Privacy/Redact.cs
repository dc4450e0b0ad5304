namespace ArScale.ServiceDefaults.Privacy;

/// <summary>
/// Contact details as logs and traces may show them: enough to tell two recipients apart, never enough to
/// reach the person. <c>anna.smith@example.com</c> → <c>a***@example.com</c>; <c>+49 170 1234567</c> → <c>+49********67</c>.
/// </summary>
public static class Redact
{
    public static string Address(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "";
        }

        var at = address.LastIndexOf('@');
        if (at > 0)
        {
            return string.Concat(address.AsSpan(0, 1), "***", address.AsSpan(at));
        }

        var digits = address.Where(char.IsAsciiDigit).ToArray();
        if (digits.Length >= 6)
        {
            var prefix = address.StartsWith('+') ? "+" + new string(digits[..2]) : new string(digits[..2]);
            return prefix + new string('*', digits.Length - 4) + new string(digits[^2..]);
        }

        return "***";
    }

    public static string Addresses(IEnumerable<string>? addresses) => string.Join(", ", (addresses ?? []).Select(Address));
}
