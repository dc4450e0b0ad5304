using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using ArScale.Integration.Tests.Support;

namespace ArScale.Integration.Tests.Startup;

/// <summary>
/// The README's run command as a user runs it (<c>dotnet ArScale.AppHost.dll</c> with options), on a private state
/// folder, private infrastructure ports and private service ports, so it never touches a system the developer
/// runs. Its output is not a terminal, so the AppHost prints plain lines: every change of state is one.
/// </summary>
public sealed class AppHostRun : IAsyncDisposable
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private readonly StringBuilder output = new();
    private readonly Process process;
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Seen)> waiters = [];

    private AppHostRun(Process process, string stateRoot, int httpBase)
    {
        this.process = process;
        StateRoot = stateRoot;
        HttpBase = httpBase;
    }

    public string StateRoot { get; }

    /// <summary>The profile's state folder: logs, mail, credentials.</summary>
    public string StateDirectory => Path.Combine(StateRoot, "dev");

    public int HttpBase { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public string AdminPassword => File.ReadAllText(Path.Combine(StateDirectory, "console-admin.password")).Trim();

    public static AppHostRun Start(params string[] arguments)
    {
        var stateRoot = Directory.CreateTempSubdirectory("arscale-run-").FullName;
        var httpBase = FreePort.BaseFor(0, 1, 2, 11, 12);
        var orleansBase = FreePort.BaseFor(0, 1, 100, 101);
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(Path.Combine(TestEnvironment.RepositoryRoot, "src", "AppHost", "bin", PortTakenTests.BuildConfiguration, "net10.0", "ArScale.AppHost.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["ARSCALE_INFRA_DIR"] = stateRoot;
        startInfo.Environment["ARSCALE_HTTP_PORT_BASE"] = httpBase.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["ARSCALE_ORLEANS_PORT_BASE"] = orleansBase.ToString(CultureInfo.InvariantCulture);
        foreach (var name in new[] { "ARSCALE_PG_PORT", "ARSCALE_AMQP_PORT", "ARSCALE_RABBIT_MGMT_PORT", "ARSCALE_RABBIT_DIST_PORT", "ARSCALE_EPMD_PORT", "ARSCALE_SMTP_PORT", "ARSCALE_MAIL_WEB_PORT" })
        {
            startInfo.Environment[name] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        }

        // aiosmtpd: maildev needs an npm install and adds nothing here; its Maildir is what the tests read.
        startInfo.Environment["ARSCALE_SMTP_SINK"] = "aiosmtpd";

        var run = new AppHostRun(new Process { StartInfo = startInfo }, stateRoot, httpBase);
        run.process.OutputDataReceived += (_, line) => run.Receive(line.Data);
        run.process.ErrorDataReceived += (_, line) => run.Receive(line.Data);
        run.process.Start();
        run.process.BeginOutputReadLine();
        run.process.BeginErrorReadLine();
        return run;
    }

    /// <summary>The first line matching <paramref name="pattern"/> (already printed or still to come).</summary>
    public async Task<Match> WaitForLineAsync(string pattern, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        var regex = new Regex(pattern, RegexOptions.Multiline);
        lock (output)
        {
            if (regex.Match(output.ToString()) is { Success: true } match)
            {
                return match;
            }

            waiters.Add((regex, seen));
        }

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
        return first == seen.Task
            ? await seen.Task
            : throw new TimeoutException($"no line like /{pattern}/ within {timeout.TotalSeconds:0} s (AppHost exited: {process.HasExited}). Output:\n{Output}");
    }

    /// <summary>The pid a replica runs under now, from its last change of state (<c>silo-1: running (pid 4242, …)</c>).</summary>
    public int RunningPid(string replica) =>
        int.Parse(Regex.Matches(Output, $@"^\[apphost\] {Regex.Escape(replica)}: running \(pid (\d+)", RegexOptions.Multiline)[^1].Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Every process this run started that still runs (services run in sessions of their own, so they are found by what they inherited, not by parent).</summary>
    public IReadOnlyList<int> LiveProcessesUnderState() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != process.Id && pid != Environment.ProcessId && IsAlive(pid) && IsOurs(pid))];

    public void Signal(int pid, int signal) => _ = Kill(pid, signal);

    public async Task<int> StopAsync(int signal, TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            Signal(process.Id, signal);
            using var deadline = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(deadline.Token);
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(SigTerm, TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        // Whatever a failed test left behind must not outlive it: services by their command line, the infrastructure by its script.
        foreach (var pid in LiveProcessesUnderState())
        {
            Signal(pid, SigKill);
        }

        process.Dispose();
        try
        {
            Directory.Delete(StateRoot, recursive: true);
        }
        catch (IOException)
        {
            // A process that was just killed may still be closing files in it; the temp folder is cleaned up eventually.
        }
    }

    /// <summary>
    /// Started by this run: a component with this run's state folder on its command line, or anything (service,
    /// script, epmd) that inherited this run's <c>ARSCALE_INFRA_DIR</c>.
    /// </summary>
    private bool IsOurs(int pid) =>
        ReadOrEmpty($"/proc/{pid}/cmdline").Contains(StateRoot, StringComparison.Ordinal)
        || ReadOrEmpty($"/proc/{pid}/environ").Contains($"ARSCALE_INFRA_DIR={StateRoot}\0", StringComparison.Ordinal);

    public static bool IsAlive(int pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        return stat.Length > 0 && !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            var text = output.ToString();
            foreach (var waiter in waiters.ToList())
            {
                if (waiter.Pattern.Match(text) is { Success: true } match)
                {
                    waiter.Seen.TrySetResult(match);
                    waiters.Remove(waiter);
                }
            }
        }
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
