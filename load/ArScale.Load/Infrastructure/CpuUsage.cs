using System.Diagnostics;

namespace ArScale.Load.Infrastructure;

/// <summary>CPU time of named components (each a process tree) and of the machine at one moment.</summary>
public sealed record CpuSnapshot(DateTimeOffset At, long Timestamp, IReadOnlyDictionary<string, TimeSpan> Components, TimeSpan MachineBusy, TimeSpan MachineTotal)
{
    /// <summary>Several pids may share a name (two Notifiers): their times add up.</summary>
    public static CpuSnapshot Take(IEnumerable<CpuComponent> components)
    {
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        // One pass over /proc for every tree: the sampler runs each second beside the measurement and must cost little.
        var children = ProcessCpu.ParentMap();
        foreach (var component in components)
        {
            var time = component.WithDescendants ? ProcessCpu.OfTree(component.Pid, children) : ProcessCpu.OfProcess(component.Pid);
            times[component.Name] = times.GetValueOrDefault(component.Name) + time;
        }

        var (busy, total) = ProcessCpu.Machine();
        return new CpuSnapshot(DateTimeOffset.UtcNow, Stopwatch.GetTimestamp(), times, busy, total);
    }
}

/// <summary>A process whose CPU time is measured, with its descendants (PostgreSQL's backends) or alone.</summary>
public sealed record CpuComponent(string Name, int Pid, bool WithDescendants = true)
{
    /// <summary>The load tool itself: alone, since the services it starts are its children.</summary>
    public static CpuComponent LoadTool => new("load tool", Environment.ProcessId, WithDescendants: false);
}

/// <summary>Where the cores went between two snapshots: CPU seconds per component, and in cores (CPU seconds per second).</summary>
public sealed record CpuUsage(double WallSeconds, IReadOnlyList<ComponentCpu> Components, double MachineBusyCores, int MachineCores)
{
    public static CpuUsage Between(CpuSnapshot start, CpuSnapshot end)
    {
        var wall = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        var components = end.Components
            .Select(entry => new ComponentCpu(entry.Key, (entry.Value - start.Components.GetValueOrDefault(entry.Key)).TotalSeconds, wall))
            .OrderByDescending(component => component.CpuSeconds)
            .ToList();
        var busy = (end.MachineBusy - start.MachineBusy).TotalSeconds;
        return new CpuUsage(wall, components, wall > 0 ? busy / wall : 0, Environment.ProcessorCount);
    }

    /// <summary>Busy CPU time on the machine that none of the measured components used (the OS, another engineer's build).</summary>
    public double OtherCores => Math.Max(0, MachineBusyCores - Components.Sum(component => component.Cores));
}

public sealed record ComponentCpu(string Name, double CpuSeconds, double WallSeconds)
{
    public double Cores => WallSeconds > 0 ? CpuSeconds / WallSeconds : 0;
}
