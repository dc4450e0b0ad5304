using ArScale.Load.Infrastructure;

namespace ArScale.Load.Cli;

/// <summary>What every scenario gets from the runner.</summary>
public sealed class ScenarioContext(RepositoryLayout layout, ServiceProcesses processes, string commandLine, CancellationToken cancellationToken)
{
    public RepositoryLayout Layout => layout;

    /// <summary>Every process a scenario starts goes through here, so the runner can stop them all on any exit.</summary>
    public ServiceProcesses Processes => processes;

    /// <summary>The command as typed, for the report.</summary>
    public string CommandLine => commandLine;

    /// <summary>Cancelled by Ctrl+C or SIGTERM.</summary>
    public CancellationToken CancellationToken => cancellationToken;
}
