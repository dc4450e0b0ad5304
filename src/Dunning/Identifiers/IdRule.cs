using System.Globalization;
using System.Text;

namespace ArScale.Dunning.Identifiers;

/// <summary>
/// The one rule for every id a client chooses (account, invoice, payment, dispute … ids), applied by the domain and
/// at every door of the Gateway (HTTP, batches, AMQP), so an id is refused the same way wherever it comes in.
/// An id is a grain key, a primary-key column and a part of notice and fee ids, so it must be:
/// <list type="bullet">
/// <item>at most <see cref="MaxLength"/> UTF-16 code units: it is joined into longer ids that are indexed;</item>
/// <item>free of control characters (C0, DEL, C1): PostgreSQL text cannot hold NUL, and the rest break logs and headers;</item>
/// <item>free of format characters (Unicode Cf, e.g. the bidi overrides U+202A–202E and isolates U+2066–2069): they make
/// two different ids look alike, or one id look like another on an operator's screen;</item>
/// <item>free of whitespace (it cannot be read back from a screen) and of unpaired surrogates (they cannot be stored as UTF-8);</item>
/// <item>free of <see cref="Separators"/>: ids are joined with them, and a part holding one could forge another id.</item>
/// </list>
/// </summary>
public static class IdRule
{
    public const int MaxLength = 100;

    public const string Separators = ":+/";

    /// <summary>Why <paramref name="id"/> is refused, or null when it is a valid id. The reason never repeats the id, which may hold what a log must not show.</summary>
    public static string? Violation(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "is required";
        }

        if (id.Length > MaxLength)
        {
            return Reason($"is {id.Length} characters long, at most {MaxLength} are allowed");
        }

        for (var index = 0; index < id.Length;)
        {
            if (Rune.DecodeFromUtf16(id.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return Reason($"holds an unpaired surrogate at position {index} (U+{(int)id[index]:X4})");
            }

            if (Refused(rune) is { } kind)
            {
                return Reason($"holds {kind} at position {index} (U+{rune.Value:X4})");
            }

            index += consumed;
        }

        return null;
    }

    public static bool IsValid(string? id) => Violation(id) is null;

    private static string? Refused(Rune rune)
    {
        if (rune.IsBmp && Separators.Contains((char)rune.Value, StringComparison.Ordinal))
        {
            return $"'{(char)rune.Value}'";
        }

        if (Rune.IsWhiteSpace(rune))
        {
            return "whitespace";
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control => "a control character",
            UnicodeCategory.Format => "a format (bidi or invisible) character",
            _ => null,
        };
    }

    private static string Reason(string what) =>
        $"{what}; an id is 1 to {MaxLength} printable characters without whitespace, control or format characters, ':', '+' or '/'";
}
