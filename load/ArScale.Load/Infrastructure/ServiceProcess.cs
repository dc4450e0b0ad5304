using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// One service (a silo, a Notifier) run as its own process from its Release build output with the environment
/// an AppHost would hand it, its output appended to a log file (never through the load tool: piping 20,000 log
/// lines would cost the tool CPU the measured processes need), ready when <c>/health</c> answers 200.
/// Started in a session of its own, so Ctrl+C reaches only the load tool, which then stops the services in order.
/// </summary>
public sealed partial class ServiceProcess
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly Process process;

    private ServiceProcess(string name, Process process, int? httpPort, string logFile)
    {
        Name = name;
        this.process = process;
        HttpPort = httpPort;
        LogFile = logFile;
    }

    public string Name { get; }

    public int Id => process.Id;

    /// <summary>The port of <c>/health</c>; null for a process that serves no HTTP (the SMTP sink).</summary>
    public int? HttpPort { get; }

    public string LogFile { get; }

    public bool HasExited => process.HasExited;

    public Uri HealthUrl => new($"http://127.0.0.1:{(HttpPort ?? throw new InvalidOperationException($"{Name} serves no HTTP")).ToString(CultureInfo.InvariantCulture)}/health");

    /// <summary>
    /// Starts <c>dotnet &lt;assembly&gt; [arguments]</c> in the assembly's folder (its appsettings.json, templates and
    /// policies are there); <paramref name="httpPort"/>, when given, becomes its <c>ASPNETCORE_URLS</c>.
    /// </summary>
    internal static ServiceProcess Start(
        string name, string assembly, IReadOnlyList<string> arguments, int? httpPort, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        if (!File.Exists(assembly))
        {
            throw new LoadFailedException($"{name}: {assembly} is missing; build it with: dotnet build -c Release load/ArScale.Load");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        // sh execs setsid, which execs dotnet without forking (sh is not a group leader): the pid is dotnet's own.
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("log=\"$1\"; shift; exec setsid dotnet \"$@\" >>\"$log\" 2>&1 </dev/null");
        startInfo.ArgumentList.Add("sh");
        startInfo.ArgumentList.Add(logFile);
        startInfo.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (httpPort is { } port)
        {
            startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo) ?? throw new LoadFailedException($"{name}: the process did not start");
        process.StandardInput.Close();
        return new ServiceProcess(name, process, httpPort, logFile);
    }

    /// <summary>Waits until <c>/health</c> answers 200.</summary>
    public Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilReadyAsync(HealthUrl.ToString(), async token =>
        {
            try
            {
                using var response = await Http.GetAsync(HealthUrl, token);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
                return false;
            }
            catch (TaskCanceledException) when (!token.IsCancellationRequested)
            {
                // A health check slower than the client timeout: ask again.
                return false;
            }
        }, timeout, cancellationToken);

    /// <summary>Asks <paramref name="ready"/> every 250 ms until it says yes; fails when the process exits or the time is up.</summary>
    public async Task WaitUntilReadyAsync(string what, Func<CancellationToken, Task<bool>> ready, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new LoadFailedException($"{Name} exited with code {process.ExitCode} before it was ready. Last lines of {LogFile}:\n{Tail()}");
            }

            if (await ready(cancellationToken))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new LoadFailedException($"{Name} was not ready at {what} after {timeout.TotalSeconds:0} s. Last lines of {LogFile}:\n{Tail()}");
    }

    /// <summary>SIGTERM first (a silo leaves the cluster, a Notifier finishes its messages), killed when it takes longer than the grace.</summary>
    public async Task StopAsync(TimeSpan grace)
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
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>SIGKILL, no grace: what a crash, an OOM kill or a pulled plug looks like to the rest of the system.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>SIGSTOP or SIGCONT: a process that hangs without dying, and its recovery.</summary>
    public static bool Signal(int pid, bool stop) => SendSignal(pid, stop ? SigStop : SigCont) == 0;

    /// <summary>The last lines of the log, for a failure message.</summary>
    public string Tail(int lines = 30)
    {
        try
        {
            // Only the end: a service in trouble can write gigabytes of log, more than this process can hold as a string.
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Max(0, stream.Length - (lines * 1024)), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines).Select(line => "    | " + line));
        }
        catch (IOException exception)
        {
            return $"    (cannot read {LogFile}: {exception.Message})";
        }
    }

    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
