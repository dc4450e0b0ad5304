namespace ArScale.Integration.Tests.Startup;

/// <summary>Ctrl+C (or a kill, or a closed terminal) stops everything the run command started, infrastructure included.</summary>
[Collection(RunCommandCollection.Name)]
public sealed class ShutdownTests
{
    [Theory]
    [InlineData(AppHostRun.SigInt)]
    [InlineData(AppHostRun.SigTerm)]
    public async Task Stopping_the_run_command_leaves_no_process_it_started_running(int signal)
    {
        await using var run = AppHostRun.Start("--silos", "1", "--notifiers", "1");
        await run.WaitForLineAsync("^ArScale is running", RunningSystem.StartTimeout);
        var started = run.LiveProcessesUnderState();

        // Each level of services has 15 s before it is killed, then the infrastructure stops: on two loaded cores
        // (the whole suite running beside it) that takes more than a minute at worst.
        int exitCode;
        try
        {
            exitCode = await run.StopAsync(signal, TimeSpan.FromSeconds(150));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the run command did not stop within 150 s of signal {signal}\n{run.Output}");
            throw;
        }

        Assert.Equal(0, exitCode);
        Assert.True(started.Count >= 6, $"expected the services and the infrastructure to run, saw {started.Count} processes\n{run.Output}");
        Assert.All(started, pid => Assert.False(AppHostRun.IsAlive(pid), $"process {pid} outlived the AppHost"));
        Assert.Empty(run.LiveProcessesUnderState());
        Assert.Matches(@"(?m)^\[apphost\] gateway: stopped", run.Output);
        Assert.True(run.Output.IndexOf("[apphost] silo-1: stopped", StringComparison.Ordinal) > run.Output.IndexOf("[apphost] gateway: stopped", StringComparison.Ordinal),
            "silos stop after the services that use them");
    }
}
