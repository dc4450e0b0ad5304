using System.Diagnostics;

namespace ArScale.AppHost;

/// <summary>
/// Remembers the service processes this AppHost started, so that after a hard kill of the AppHost
/// (no chance to clean up) the next start removes them instead of failing on taken ports.
/// </summary>
public sealed class StrayProcesses(string pidFile)
{
    // Replicas start in parallel and each records its pid.
    private readonly Lock gate = new();

    public void KillLeftovers(Action<int> killing)
    {
        if (!File.Exists(pidFile))
        {
            return;
        }

        foreach (var line in File.ReadAllLines(pidFile))
        {
            if (!int.TryParse(line, out var pid))
            {
                continue;
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                // A recycled pid belongs to someone else: only kill what runs one of our assemblies.
                if (IsOurs(pid))
                {
                    killing(pid);
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(TimeSpan.FromSeconds(10));
                }
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        Clear();
    }

    public void Record(int pid)
    {
        lock (gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(pidFile)!);
            File.AppendAllLines(pidFile, [pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    public void Clear()
    {
        if (File.Exists(pidFile))
        {
            File.Delete(pidFile);
        }
    }

    private static bool IsOurs(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("ArScale.", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
