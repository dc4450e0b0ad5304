using System.Reflection;

namespace ArScale.AppHost;

/// <summary>Where the repository and the services' build outputs are, as recorded when the AppHost was built.</summary>
public sealed record RepositoryLayout(string Root, string Configuration, string TargetFramework)
{
    public static RepositoryLayout FromBuild()
    {
        var metadata = typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .ToDictionary(attribute => attribute.Key, attribute => attribute.Value ?? "");
        return new RepositoryLayout(metadata["ArScale.RepositoryRoot"], metadata["ArScale.Configuration"], metadata["ArScale.TargetFramework"]);
    }

    public string InfraScript => Path.Combine(Root, "scripts", "infra.sh");

    public string ServiceAssembly(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, TargetFramework, $"ArScale.{project}.dll");

    /// <summary>The profile's state folder, where scripts/infra.sh keeps its data (honours ARSCALE_INFRA_DIR as the script does).</summary>
    public string StateDirectory(string profile) =>
        Path.Combine(Environment.GetEnvironmentVariable("ARSCALE_INFRA_DIR") is { Length: > 0 } custom ? custom : Path.Combine(Root, ".infra"), profile);

    public string ServiceDirectory(string project) => Path.Combine(Root, "src", project);
}
