using System.Globalization;
using System.Runtime.InteropServices;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// CPU time from <c>/proc</c>: of one process with all its descendants (PostgreSQL's backends are children of the
/// postmaster; those that already exited are in the parent's reaped-children time), and of the whole machine, so a
/// report can say where the two cores went and whether something else (a build next door) was using them.
/// </summary>
public static partial class ProcessCpu
{
    private static readonly double TicksPerSecond = ClockTicks();

    /// <summary>CPU time of the process and every descendant, living or reaped; zero when it does not exist.</summary>
    public static TimeSpan OfTree(int pid) => OfTree(pid, ParentMap());

    /// <summary>As <see cref="OfTree(int)"/>, with a map of the processes taken once for several trees.</summary>
    public static TimeSpan OfTree(int pid, IReadOnlyDictionary<int, List<int>> children)
    {
        var total = 0L;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var current))
        {
            if (Read(current) is { } stat)
            {
                total += stat.User + stat.System + stat.ChildrenUser + stat.ChildrenSystem;
            }

            foreach (var child in children.GetValueOrDefault(current, []))
            {
                pending.Push(child);
            }
        }

        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }

    /// <summary>CPU time of the process itself, without its children (the load tool: the services it starts are its children).</summary>
    public static TimeSpan OfProcess(int pid) =>
        Read(pid) is { } stat ? TimeSpan.FromSeconds((stat.User + stat.System) / TicksPerSecond) : TimeSpan.Zero;

    /// <summary>Busy and total CPU time of the machine since boot (all cores), from the first line of <c>/proc/stat</c>.</summary>
    public static (TimeSpan Busy, TimeSpan Total) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already inside user).
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (TimeSpan.FromSeconds((total - idle) / TicksPerSecond), TimeSpan.FromSeconds(total / TicksPerSecond));
    }

    /// <summary>Each process's children, from one pass over <c>/proc</c>.</summary>
    public static IReadOnlyDictionary<int, List<int>> ParentMap()
    {
        var map = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                if (!map.TryGetValue(stat.Parent, out var list))
                {
                    map[stat.Parent] = list = [];
                }

                list.Add(pid);
            }
        }

        return map;
    }

    private static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name is in parentheses and may contain spaces: fields are counted after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // After the name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17); index = field - 3.
        return new Stat(
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture),
            long.Parse(fields[12], CultureInfo.InvariantCulture),
            long.Parse(fields[13], CultureInfo.InvariantCulture),
            long.Parse(fields[14], CultureInfo.InvariantCulture));
    }

    private static double ClockTicks()
    {
        const int ScClockTicks = 2; // _SC_CLK_TCK on Linux
        var ticks = SystemConfiguration(ScClockTicks);
        return ticks > 0 ? ticks : 100;
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SystemConfiguration(int name);

    private readonly record struct Stat(int Parent, long User, long System, long ChildrenUser, long ChildrenSystem);
}
