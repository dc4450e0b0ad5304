using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ArScale.AppHost;

/// <summary>
/// One service of the system (a silo, the gateway, the notifier) run as its own process from its build
/// output, its console prefixed with its name, ready when its <c>/health</c> answers 200.
/// </summary>
public sealed partial class ServiceProcess(ServiceDefinition definition, RepositoryLayout layout, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private const int RecentLinesKept = 40;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly Queue<string> recentLines = new();
    private Process? process;

    public ServiceDefinition Definition => definition;
    public int? ProcessId => process?.Id;

    public void Start()
    {
        var assembly = layout.ServiceAssembly(definition.Project);
        if (!File.Exists(assembly))
        {
            throw new StartupFailedException(definition.Name, $"{assembly} is missing; build the solution (dotnet build ArScale.sln).");
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = layout.ServiceDirectory(definition.Project),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(assembly);
        foreach (var (name, value) in environment.Concat(definition.Environment))
        {
            startInfo.Environment[name] = value;
        }

        process = Process.Start(startInfo) ?? throw new StartupFailedException(definition.Name, "the process did not start");
        process.OutputDataReceived += (_, line) => Echo(line.Data);
        process.ErrorDataReceived += (_, line) => Echo(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process is null || process.HasExited)
            {
                throw new StartupFailedException(definition.Name, $"exited with code {process?.ExitCode} before it was healthy. Last lines:\n{RecentOutput()}");
            }

            try
            {
                using var response = await Http.GetAsync(definition.HealthUrl, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A health check slower than the client timeout: ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        }

        throw new StartupFailedException(definition.Name, $"not healthy at {definition.HealthUrl} after {timeout.TotalSeconds:0} s. Last lines:\n{RecentOutput()}");
    }

    /// <summary>SIGTERM first so the silo leaves the cluster cleanly; killed if it has not gone in time.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        _ = SendSignal(process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"[{definition.Name}] did not stop within {grace.TotalSeconds:0} s: killed.");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        process?.Dispose();
    }

    private void Echo(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (recentLines)
        {
            recentLines.Enqueue(line);
            while (recentLines.Count > RecentLinesKept)
            {
                recentLines.Dequeue();
            }
        }

        Console.WriteLine($"[{definition.Name}] {line}");
    }

    private string RecentOutput()
    {
        lock (recentLines)
        {
            return string.Join('\n', recentLines);
        }
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
