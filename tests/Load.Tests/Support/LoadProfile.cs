using System.Diagnostics;
using ArScale.Load.Infrastructure;

namespace ArScale.Load.Tests.Support;

/// <summary>
/// The load profile of scripts/infra.sh, which the scenarios start themselves when it is not running (as in CI).
/// Whatever this test run started, it stops at the end; a profile that was already running is left as it was.
/// </summary>
public sealed class LoadProfile : IAsyncLifetime
{
    private bool wasRunning;

    public Task InitializeAsync()
    {
        wasRunning = Script("status") == 0;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        if (!wasRunning)
        {
            Script("stop");
        }

        return Task.CompletedTask;
    }

    private static int Script(string verb)
    {
        var layout = RepositoryLayout.FromBuild();
        var startInfo = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { layout.InfraScript, verb, "--profile", RepositoryLayout.Profile })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var script = Process.Start(startInfo)!;
        script.StandardOutput.ReadToEnd();
        script.StandardError.ReadToEnd();
        script.WaitForExit();
        return script.ExitCode;
    }
}

[CollectionDefinition(Name)]
public sealed class LoadProfileCollection : ICollectionFixture<LoadProfile>
{
    public const string Name = "load profile";
}
