using System.Diagnostics;

namespace ArScale.AppHost;

/// <summary>
/// Remembers the service processes this AppHost started, so that after a hard kill of the AppHost
/// (no chance to clean up) the next start removes them instead of failing on taken ports.
/// </summary>
public sealed class StrayProcesses(string pidFile)
{
    public void KillLeftovers()
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
                    Console.WriteLine($"Stopping a service left over from an earlier run (pid {pid}).");
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

    public void Record(int? pid)
    {
        if (pid is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(pidFile)!);
            File.AppendAllLines(pidFile, [pid.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
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
