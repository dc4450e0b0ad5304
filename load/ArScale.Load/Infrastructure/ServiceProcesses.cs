using System.Diagnostics;
using System.Globalization;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// Every service process a run starts. Disposing stops whatever still runs, newest first (Notifiers before the
/// silo they call), on success, failure and Ctrl+C alike. Pids are also written to a file, so processes left by a
/// load tool that was killed outright are stopped at the next run's start instead of holding ports and CPU.
/// </summary>
public sealed class ServiceProcesses(string pidFile) : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);
    private readonly List<ServiceProcess> running = [];

    public ServiceProcess Start(
        string name, string assembly, IReadOnlyList<string> arguments, int? httpPort, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var service = ServiceProcess.Start(name, assembly, arguments, httpPort, environment, logFile);
        lock (running)
        {
            running.Add(service);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(pidFile)!);
        File.AppendAllLines(pidFile, [service.Id.ToString(CultureInfo.InvariantCulture)]);
        return service;
    }

    /// <summary>Stops these processes (all together: each gets the full grace) and forgets them.</summary>
    public async Task StopAsync(IEnumerable<ServiceProcess> services)
    {
        var list = services.ToList();
        await Task.WhenAll(list.Select(service => service.StopAsync(StopGrace)));
        lock (running)
        {
            running.RemoveAll(list.Contains);
        }
    }

    public async Task StopAllAsync()
    {
        List<ServiceProcess> newestFirst;
        lock (running)
        {
            newestFirst = Enumerable.Reverse(running).ToList();
        }

        // Consumers first, then what they call: Notifiers, then silos (started before them).
        foreach (var group in newestFirst.GroupBy(service => service.Name.StartsWith("silo", StringComparison.Ordinal)).OrderBy(group => group.Key))
        {
            await StopAsync(group);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync();
        if (File.Exists(pidFile))
        {
            File.Delete(pidFile);
        }
    }

    /// <summary>Kills services a previous run left behind (it was killed before it could stop them).</summary>
    public void KillLeftovers()
    {
        if (!File.Exists(pidFile))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(pidFile))
        {
            if (!int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) || !IsOurs(pid))
            {
                continue;
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                Console.WriteLine($"Stopping a service left over from an earlier load run (pid {pid}).");
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        File.Delete(pidFile);
    }

    /// <summary>A recycled pid belongs to someone else: only what runs one of our assemblies is killed.</summary>
    private static bool IsOurs(int pid)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return commandLine.Contains("ArScale.", StringComparison.Ordinal) && commandLine.Contains("dotnet", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
