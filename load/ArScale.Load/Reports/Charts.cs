using ScottPlot;

namespace ArScale.Load.Reports;

/// <summary>The reports' charts: a rate per second over time, one line per configuration.</summary>
public static class Charts
{
    /// <param name="secondary">Optional series on a right-hand axis (dotted), such as CPU taken by other processes.</param>
    public static Plot PerSecond(
        string title, string rateLabel, IEnumerable<(string Label, IReadOnlyList<double> PerSecond)> series,
        string? secondaryLabel = null, IEnumerable<(string Label, IReadOnlyList<double> PerSecond)>? secondary = null,
        string xLabel = "seconds since the first message")
    {
        var plot = new Plot();
        var highest = 0.0;
        var colors = new List<Color>();
        foreach (var (label, perSecond) in series.Where(entry => entry.PerSecond.Count > 0))
        {
            var line = plot.Add.Scatter(Seconds(perSecond.Count), perSecond.ToArray());
            line.LegendText = label;
            line.MarkerSize = 3;
            line.LineWidth = 2;
            colors.Add(line.Color);
            highest = Math.Max(highest, perSecond.Max());
        }

        if (secondary is not null)
        {
            var index = 0;
            var highestSecondary = 0.0;
            foreach (var (label, perSecond) in secondary.Where(entry => entry.PerSecond.Count > 0))
            {
                var line = plot.Add.Scatter(Seconds(perSecond.Count), perSecond.ToArray());
                line.LegendText = label;
                line.MarkerSize = 0;
                line.LineWidth = 1;
                line.LinePattern = LinePattern.Dotted;
                line.Axes.YAxis = plot.Axes.Right;
                if (index < colors.Count)
                {
                    line.Color = colors[index];
                }

                highestSecondary = Math.Max(highestSecondary, perSecond.Where(double.IsFinite).DefaultIfEmpty(0).Max());
                index++;
            }

            plot.Axes.Right.Label.Text = secondaryLabel ?? "";
            plot.Axes.SetLimitsY(0, Math.Max(2, highestSecondary * 1.15), plot.Axes.Right);
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(rateLabel);
        plot.Axes.SetLimitsY(0, Math.Max(1, highest * 1.15), plot.Axes.Left);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static double[] Seconds(int count) => [.. Enumerable.Range(0, count).Select(second => (double)second)];
}
