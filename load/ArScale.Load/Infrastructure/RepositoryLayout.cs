using System.Reflection;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// Where the repository, the services' build outputs and the reports are, as recorded when the load tool was built.
/// <paramref name="Results"/> replaces <c>load/results</c> (the tests write their reports elsewhere).
/// </summary>
public sealed record RepositoryLayout(string Root, string Configuration, string TargetFramework, string? Results = null)
{
    public const string Profile = "load";

    public static RepositoryLayout FromBuild()
    {
        var metadata = typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .ToDictionary(attribute => attribute.Key, attribute => attribute.Value ?? "", StringComparer.Ordinal);
        return new RepositoryLayout(metadata["ArScale.RepositoryRoot"], metadata["ArScale.Configuration"], metadata["ArScale.TargetFramework"]);
    }

    public string InfraScript => Path.Combine(Root, "scripts", "infra.sh");

    /// <summary>A service's main assembly in its build output (same configuration as the load tool: Release).</summary>
    public string ServiceAssembly(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, TargetFramework, $"ArScale.{project}.dll");

    /// <summary>The load profile's state folder (honours ARSCALE_INFRA_DIR as scripts/infra.sh does).</summary>
    public string StateDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("ARSCALE_INFRA_DIR") is { Length: > 0 } custom ? custom : Path.Combine(Root, ".infra"), Profile);

    /// <summary>A project under <c>load/</c>: its main assembly in its build output (the load tool's own, the Hangfire baseline).</summary>
    public string LoadAssembly(string folder, string assemblyName) =>
        Path.Combine(Root, "load", folder, "bin", Configuration, TargetFramework, $"{assemblyName}.dll");

    /// <summary>The published reports: <c>load/results/&lt;scenario&gt;.md|json|png</c>.</summary>
    public string ResultsDirectory => Results ?? Path.Combine(Root, "load", "results");

    /// <summary>Logs of the processes a run started; git-ignored (<c>load/results/**/raw/</c>).</summary>
    public string RawDirectory(string runId) => Path.Combine(ResultsDirectory, "raw", runId);

    /// <summary>Pids of the services the load tool started, so a run killed hard is cleaned up by the next one.</summary>
    public string PidFile => Path.Combine(StateDirectory, "load-tool.pids");
}
