using Spectre.Console;

namespace ArScale.AppHost.Terminal;

/// <summary>One colour per source of output, handed out in order of appearance, so neighbouring prefixes differ.</summary>
public sealed class SourceColors
{
    private static readonly Color[] Palette =
    [
        Color.DodgerBlue1, Color.Green3, Color.Orange1, Color.MediumPurple1, Color.Turquoise2, Color.Gold1,
        Color.HotPink, Color.SpringGreen2, Color.SkyBlue1, Color.Salmon1,
    ];

    private readonly Dictionary<string, Color> assigned = new(StringComparer.Ordinal) { [TerminalOutput.AppHostSource] = Color.White };

    public Color For(string source)
    {
        if (!assigned.TryGetValue(source, out var color))
        {
            color = Palette[(assigned.Count - 1) % Palette.Length];
            assigned[source] = color;
        }

        return color;
    }
}
