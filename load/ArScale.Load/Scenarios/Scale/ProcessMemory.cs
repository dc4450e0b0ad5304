using System.Globalization;

namespace ArScale.Load.Scenarios.Scale;

/// <summary>A process's resident memory, from <c>/proc/&lt;pid&gt;/status</c>.</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS in bytes; null when the process is gone.</summary>
    public static long? ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
