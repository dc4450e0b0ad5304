using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ArScale.AppHost.Orchestration;

/// <summary>
/// One run of one service process (<c>dotnet ArScale.&lt;Project&gt;.dll</c> from its build output), its output
/// handed line by line to whoever logs it. Started in a session of its own, so the Ctrl+C a terminal sends
/// to its foreground process group reaches the AppHost only, which then stops the services in order.
/// </summary>
public sealed partial class ServiceProcess : IDisposable
{
    private const int RecentLinesKept = 40;
    private const string Setsid = "/usr/bin/setsid";
    private readonly Queue<string> recentLines = new();
    private readonly Process process;
    private readonly Stopwatch uptime = new();

    private ServiceProcess(Process process) => this.process = process;

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public TimeSpan Uptime => uptime.Elapsed;

    public static ServiceProcess Start(string assembly, string workingDirectory, IReadOnlyDictionary<string, string> environment, Action<string> output)
    {
        // setsid(1) calls setsid() and execs: the pid stays the service's own.
        // All three redirected: a child that shares the terminal makes .NET write to it on every start, and a
        // terminal that is not being read (a stalled SSH session) would then hold up a restart or the stop.
        var startInfo = new ProcessStartInfo(File.Exists(Setsid) ? Setsid : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (File.Exists(Setsid))
        {
            startInfo.ArgumentList.Add("dotnet");
        }

        startInfo.ArgumentList.Add(assembly);
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var service = new ServiceProcess(new Process { StartInfo = startInfo });
        service.process.OutputDataReceived += (_, line) => service.Receive(line.Data, output);
        service.process.ErrorDataReceived += (_, line) => service.Receive(line.Data, output);
        service.process.Start();
        service.process.StandardInput.Close();
        service.uptime.Start();
        service.process.BeginOutputReadLine();
        service.process.BeginErrorReadLine();
        return service;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGTERM first so a silo leaves the cluster cleanly and a consumer finishes its message; killed if it has not gone in time.</summary>
    public async Task StopAsync(TimeSpan grace, Action<string> notice)
    {
        if (process.HasExited)
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
            notice($"did not stop within {grace.TotalSeconds:0} s: killed.");
            Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public string RecentOutput()
    {
        lock (recentLines)
        {
            return string.Join('\n', recentLines);
        }
    }

    public void Dispose() => process.Dispose();

    private void Receive(string? line, Action<string> output)
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

        output(line);
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
