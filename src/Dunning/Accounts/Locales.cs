namespace ArScale.Dunning;

/// <summary>Locales the notice templates exist in.</summary>
public static class Locales
{
    public static IReadOnlyList<string> Supported { get; } = ["en", "zh-CN"];

    public static bool IsSupported(string? locale) => locale is not null && Supported.Contains(locale, StringComparer.Ordinal);
}
