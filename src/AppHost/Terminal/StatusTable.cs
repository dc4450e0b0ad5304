using System.Globalization;
using System.Text;
using ArScale.AppHost.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ArScale.AppHost.Terminal;

/// <summary>The status table: one row per resource or replica, with its state, pid, address and restarts.</summary>
public static class StatusTable
{
    public static IRenderable Render(IReadOnlyList<ResourceStatus> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand()
            .AddColumn("Resource").AddColumn("State").AddColumn(new TableColumn("PID").RightAligned())
            .AddColumn("URL").AddColumn(new TableColumn("Restarts").RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(
                new Text(row.Name),
                new Markup($"[{Colour(row.State)}]{Markup.Escape(StateText(row))}[/]"),
                new Text(row.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? ""),
                new Text(row.Url ?? ""),
                new Text(row.Restarts == 0 ? "" : row.Restarts.ToString(CultureInfo.InvariantCulture)));
        }

        return table;
    }

    /// <summary>The same table as plain columns, for output that is not a terminal.</summary>
    public static string Plain(IReadOnlyList<ResourceStatus> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"RESOURCE",-14} {"STATE",-28} {"PID",8}  {"RESTARTS",8}  URL");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Name,-14} {StateText(row),-28} {row.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-",8}  {row.Restarts,8}  {row.Url}");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>One line on a change of state, e.g. <c>silo-1: running (pid 4242, http://127.0.0.1:5101)</c>.</summary>
    public static string Describe(ResourceStatus row)
    {
        var where = string.Join(", ", new[] { row.ProcessId is { } pid ? $"pid {pid}" : null, row.Url }.Where(part => part is not null));
        return where.Length == 0 ? $"{row.Name}: {StateText(row)}" : $"{row.Name}: {StateText(row)} ({where})";
    }

    private static string StateText(ResourceStatus row)
    {
        var state = row.State.ToString().ToLowerInvariant();
        return row.Detail is { Length: > 0 } detail ? $"{state}: {detail}" : state;
    }

    private static string Colour(ResourceState state) => state switch
    {
        ResourceState.Running or ResourceState.Finished => "green",
        ResourceState.Starting or ResourceState.Waiting => "yellow",
        ResourceState.Restarting or ResourceState.Stopping => "orange1",
        ResourceState.Failed => "red",
        _ => "grey",
    };
}
