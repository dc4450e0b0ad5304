using System.Text.Json;
using ArScale.Load.Cli;

namespace ArScale.Load.Tests.Support;

/// <summary>
/// One scenario run with its small default, in this process, the way a user types it plus the two runner flags the
/// tests need: <c>--allow-debug-build</c> (the solution is built in Debug) and <c>--results-dir</c> (the published
/// reports in load/results are left alone). The machine is the test run's own, so the quiet wait is short.
/// </summary>
public sealed class ScenarioRun : IDisposable
{
    private ScenarioRun(string results, int exitCode, TimeSpan took)
    {
        Results = results;
        ExitCode = exitCode;
        Took = took;
    }

    public string Results { get; }

    public int ExitCode { get; }

    public TimeSpan Took { get; }

    public static async Task<ScenarioRun> StartAsync(IScenario scenario, params string[] flags)
    {
        var results = Path.Combine(Path.GetTempPath(), $"arscale-load-test-{scenario.Name}-{Guid.NewGuid():N}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var exitCode = await ScenarioRunner.RunAsync(
            [scenario],
            [scenario.Name, RunnerOptions.AllowDebugBuildFlag, RunnerOptions.ResultsDirectoryFlag, results, "--quiet-wait", "1", .. flags]);
        return new ScenarioRun(results, exitCode, clock.Elapsed);
    }

    public string Markdown(string scenario) => File.ReadAllText(Path.Combine(Results, $"{scenario}.md"));

    public bool HasChart(string scenario) => File.Exists(Path.Combine(Results, $"{scenario}.png"));

    /// <summary>The report's raw figures (<c>&lt;scenario&gt;.json</c>, camelCase), at a dotted path such as <c>storms.0.figures.delivery</c> (a number indexes an array).</summary>
    public JsonElement Figures(string scenario, string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Results, $"{scenario}.json")));
        var element = document.RootElement.GetProperty("figures");
        foreach (var name in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            element = int.TryParse(name, out var index) ? element[index] : element.GetProperty(name);
        }

        return element.Clone();
    }

    public void Dispose()
    {
        if (Directory.Exists(Results))
        {
            Directory.Delete(Results, recursive: true);
        }
    }
}
