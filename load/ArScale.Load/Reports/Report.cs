using System.Globalization;
using System.Text;
using System.Text.Json;
using ArScale.Load.Infrastructure;
using ScottPlot;
using Spectre.Console;

namespace ArScale.Load.Reports;

/// <summary>
/// A scenario's report, shown on the console as it is built and written as <c>load/results/&lt;scenario&gt;.md</c>
/// (figures, the exact command, the machine), <c>.json</c> (the raw figures) and <c>.png</c> (its chart).
/// </summary>
public sealed class Report(string scenario, string title)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A ratio over a baseline that delivered nothing is infinite: written as "Infinity" rather than failing the report.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
    private readonly StringBuilder body = new();

    public void Heading(string text)
    {
        body.Append(CultureInfo.InvariantCulture, $"## {text}\n\n");
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(text)}[/]").LeftJustified());
    }

    public void Paragraph(string text)
    {
        body.Append(text).Append("\n\n");
        AnsiConsole.WriteLine(text);
        AnsiConsole.WriteLine();
    }

    public void Bullets(IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            body.Append("- ").Append(item).Append('\n');
            AnsiConsole.WriteLine("  - " + item);
        }

        body.Append('\n');
        AnsiConsole.WriteLine();
    }

    public void Table(ReportTable table)
    {
        body.Append("| ").AppendJoin(" | ", table.Headers).Append(" |\n");
        body.Append('|').AppendJoin('|', table.Headers.Select((_, column) => table.IsNumeric(column) ? "---:" : "---")).Append("|\n");
        foreach (var row in table.Rows)
        {
            body.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }

        body.Append('\n');

        var console = new Table().Border(TableBorder.Rounded);
        for (var column = 0; column < table.Headers.Count; column++)
        {
            var header = new TableColumn(Markup.Escape(table.Headers[column]));
            console.AddColumn(table.IsNumeric(column) ? header.RightAligned() : header);
        }

        foreach (var row in table.Rows)
        {
            console.AddRow(row.Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(console);
        AnsiConsole.WriteLine();
    }

    /// <summary>Writes the three files; returns the Markdown file's path.</summary>
    public async Task<string> WriteAsync(RepositoryLayout layout, MachineInfo machine, string command, object figures, Plot? chart, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(layout.ResultsDirectory);
        var basePath = Path.Combine(layout.ResultsDirectory, scenario);

        var markdown = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# {title}\n\n")
            .Append("```sh\n").Append(command).Append("\n```\n\n")
            .Append(CultureInfo.InvariantCulture, $"Machine: {machine.Describe()}.\n\n");
        if (layout.Configuration != "Release")
        {
            markdown.Append(CultureInfo.InvariantCulture, $"**{layout.Configuration} build** (`--allow-debug-build`): this run proves the scenario works and its checks hold; its figures are not measurements.\n\n");
        }

        markdown.Append(body);
        if (chart is not null)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"![{title}]({scenario}.png)\n");
        }

        await File.WriteAllTextAsync(basePath + ".md", markdown.ToString(), cancellationToken);

        await using (var json = File.Create(basePath + ".json"))
        {
            await JsonSerializer.SerializeAsync(json, new { scenario, command, machine, figures }, Json, cancellationToken);
        }

        chart?.SavePng(basePath + ".png", 1000, 520);
        return basePath + ".md";
    }
}

/// <summary>A table of already formatted cells; columns whose cells are numbers are right-aligned.</summary>
public sealed record ReportTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public bool IsNumeric(int column) =>
        Rows.Count > 0 && Rows.All(row => double.TryParse(row[column].Replace(",", "", StringComparison.Ordinal).TrimEnd('%', 'x', ' '), NumberStyles.Float, CultureInfo.InvariantCulture, out _));
}
