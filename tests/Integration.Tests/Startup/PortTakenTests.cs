using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ArScale.Integration.Tests.Support;

namespace ArScale.Integration.Tests.Startup;

/// <summary>
/// The run command must fail fast and name the culprit when a port is taken, not hang or half-start.
/// Each run gets its own state folder and free ports, so it never touches a system that is running.
/// </summary>
[Collection(RunCommandCollection.Name)]
public sealed class PortTakenTests : IDisposable
{
    private readonly string stateDirectory = Directory.CreateTempSubdirectory("arscale-port-taken-").FullName;
    private readonly TcpListener squatter = new(IPAddress.Loopback, 0);

    public PortTakenTests() => squatter.Start();

    private int TakenPort => ((IPEndPoint)squatter.LocalEndpoint).Port;

    [Fact]
    public async Task The_infrastructure_script_refuses_a_taken_postgres_port_within_seconds()
    {
        var run = await RunAsync("bash", [Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "infra.sh"), "start", "--profile", "test"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("PostgreSQL", run.Output, StringComparison.Ordinal);
        Assert.Contains(TakenPort.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Output, StringComparison.Ordinal);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(10), $"took {run.Elapsed}");
    }

    [Fact]
    public async Task The_run_command_fails_within_seconds_and_names_postgres_when_its_port_is_taken()
    {
        var appHost = Path.Combine(TestEnvironment.RepositoryRoot, "src", "AppHost", "bin", BuildConfiguration, "net10.0", "ArScale.AppHost.dll");

        var run = await RunAsync("dotnet", [appHost]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ArScale did not start", run.Output, StringComparison.Ordinal);
        // The whole output in the message: a failure here has to be readable from the CI log alone.
        Assert.True(run.Output.Contains($"PostgreSQL: port {TakenPort}", StringComparison.Ordinal), run.Output);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(15), $"took {run.Elapsed}");
    }

    public void Dispose()
    {
        squatter.Stop();
        squatter.Dispose();
        Directory.Delete(stateDirectory, recursive: true);
    }

#if DEBUG
    internal const string BuildConfiguration = "Debug";
#else
    internal const string BuildConfiguration = "Release";
#endif

    private async Task<(int ExitCode, string Output, TimeSpan Elapsed)> RunAsync(string program, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["ARSCALE_INFRA_DIR"] = stateDirectory;
        startInfo.Environment["ARSCALE_PG_PORT"] = TakenPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var name in new[] { "ARSCALE_AMQP_PORT", "ARSCALE_RABBIT_MGMT_PORT", "ARSCALE_RABBIT_DIST_PORT", "ARSCALE_EPMD_PORT", "ARSCALE_SMTP_PORT", "ARSCALE_MAIL_WEB_PORT" })
        {
            startInfo.Environment[name] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await errors, clock.Elapsed);
    }
}
