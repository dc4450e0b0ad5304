using ArScale.AppHost.Terminal;

namespace ArScale.AppHost.Model;

/// <summary>
/// What a resource needs from the AppHost while it runs: where things are, where to report, and whom to tell
/// about every process it starts (recorded so that a later run can clean up after a hard kill of this one).
/// </summary>
public sealed record ResourceContext(RepositoryLayout Layout, string StateDirectory, TerminalOutput Output, Action<int> ProcessStarted)
{
    /// <summary>Each service's log file lives here, next to the infrastructure's logs.</summary>
    public string LogDirectory => Path.Combine(StateDirectory, "logs");

    public string LogFile(string name) => Path.Combine(LogDirectory, $"{name}.log");
}
