using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ArScale.Load.Reports;

/// <summary>What the figures were measured on: they mean little without it.</summary>
public sealed record MachineInfo(int Cores, string Cpu, double MemoryGiB, string OperatingSystem, string Kernel, string DotNet, string Commit, DateTimeOffset Date)
{
    public static MachineInfo Collect(string repositoryRoot) => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        TotalMemoryGiB(),
        FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        File.Exists("/proc/sys/kernel/osrelease") ? "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription,
        $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})",
        GitCommit(repositoryRoot),
        DateTimeOffset.UtcNow);

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Cores} cores ({Cpu}), {MemoryGiB:0.#} GiB RAM, {OperatingSystem} ({Kernel}), {DotNet}, commit {Commit}, {Date:yyyy-MM-dd HH:mm} UTC");

    private static string? FirstValue(string file, string key, char separator)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Select(line => line.Split(separator, 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
    }

    private static double TotalMemoryGiB() =>
        FirstValue("/proc/meminfo", "MemTotal", ':') is { } text && long.TryParse(text.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib)
            ? kib / 1024.0 / 1024.0
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0;

    private static string GitCommit(string root)
    {
        try
        {
            var startInfo = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
            foreach (var argument in new[] { "describe", "--always", "--dirty" })
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var git = Process.Start(startInfo);
            if (git is null)
            {
                return "unknown";
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length > 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
