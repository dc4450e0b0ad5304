namespace ArScale.Load.Cli;

/// <summary>
/// Flags of the tool rather than of a scenario, taken out of the arguments before the scenario sees them:
/// <list type="bullet">
/// <item><c>--results-dir DIR</c>: write the report (and the processes' logs) under DIR instead of <c>load/results</c>.</item>
/// <item><c>--allow-debug-build</c>: run from a Debug build. For the tests only (tests/Load.Tests), which prove each
/// scenario runs and its checks hold on the Debug build of the solution; such figures are not measurements, and the
/// report says so.</item>
/// </list>
/// </summary>
public sealed record RunnerOptions(string? ResultsDirectory, bool AllowDebugBuild)
{
    public const string ResultsDirectoryFlag = "--results-dir";
    public const string AllowDebugBuildFlag = "--allow-debug-build";

    public static (RunnerOptions Options, IReadOnlyList<string> ScenarioArguments) Extract(IReadOnlyList<string> arguments)
    {
        string? results = null;
        var allowDebug = false;
        var rest = new List<string>();
        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            if (argument == AllowDebugBuildFlag || argument == AllowDebugBuildFlag + "=true")
            {
                allowDebug = true;
            }
            else if (argument.StartsWith(ResultsDirectoryFlag + "=", StringComparison.Ordinal))
            {
                results = argument[(ResultsDirectoryFlag.Length + 1)..];
            }
            else if (argument == ResultsDirectoryFlag)
            {
                results = index + 1 < arguments.Count ? arguments[++index] : throw new FlagException($"{ResultsDirectoryFlag} needs a folder");
            }
            else
            {
                rest.Add(argument);
            }
        }

        return (new RunnerOptions(results is null ? null : Path.GetFullPath(results), allowDebug), rest);
    }
}
