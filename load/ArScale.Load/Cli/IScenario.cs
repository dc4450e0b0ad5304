namespace ArScale.Load.Cli;

/// <summary>One load scenario: a subcommand of the load tool that measures something and writes its report.</summary>
public interface IScenario
{
    /// <summary>The subcommand, and the file name of its report (<c>load/results/&lt;name&gt;.md</c>).</summary>
    string Name { get; }

    /// <summary>One line for the help.</summary>
    string Summary { get; }

    IReadOnlyList<FlagHelp> Help { get; }

    /// <summary>Reads its flags (then <see cref="Flags.RejectUnknown"/>), runs, writes the report; the exit code says whether the figures pass.</summary>
    Task<int> RunAsync(Flags flags, ScenarioContext context);
}
