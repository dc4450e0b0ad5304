using System.Globalization;
using ArScale.AppHost.Terminal;

namespace ArScale.AppHost.Orchestration;

/// <summary>
/// Where one replica's output goes: appended to its own file (kept across restarts and runs, each run headed
/// by a line naming its pid) and, prefixed with its name, to the terminal.
/// </summary>
public sealed class ServiceLog(string name, string file, TerminalOutput terminal) : IDisposable
{
    private readonly Lock gate = new();
    private StreamWriter? writer;

    public string File => file;

    public void Started(int processId) =>
        Append($"==== {name} started, pid {processId}, {DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)} ====");

    public void Line(string line)
    {
        Append(line);
        terminal.Log(name, line);
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer?.Dispose();
            writer = null;
        }
    }

    private void Append(string line)
    {
        lock (gate)
        {
            if (writer is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                writer = new StreamWriter(new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            }

            writer.WriteLine(line);
        }
    }
}
