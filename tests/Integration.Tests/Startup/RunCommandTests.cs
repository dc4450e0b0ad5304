using System.Diagnostics;
using System.Text;
using ArScale.Integration.Tests.Support;

namespace ArScale.Integration.Tests.Startup;

/// <summary>
/// The README's run command end to end: infrastructure, migrations, two silos, gateway and notifier come
/// up healthy, and Ctrl+C leaves no process behind. A private state folder and private ports keep it
/// apart from a system the developer may be running.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string stateDirectory = Directory.CreateTempSubdirectory("arscale-run-").FullName;

    [Fact]
    public async Task The_whole_system_starts_healthy_and_ctrl_c_stops_every_process_it_started()
    {
        var httpBase = FreePort.BaseFor(0, 1, 2, 3);
        var orleansBase = FreePort.BaseFor(0, 1, 100, 101);
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(Path.Combine(TestEnvironment.RepositoryRoot, "src", "AppHost", "bin", PortTakenTests.BuildConfiguration, "net10.0", "ArScale.AppHost.dll"));
        startInfo.Environment["ARSCALE_INFRA_DIR"] = stateDirectory;
        startInfo.Environment["ARSCALE_HTTP_PORT_BASE"] = httpBase.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["ARSCALE_ORLEANS_PORT_BASE"] = orleansBase.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var name in new[] { "ARSCALE_PG_PORT", "ARSCALE_AMQP_PORT", "ARSCALE_RABBIT_MGMT_PORT", "ARSCALE_RABBIT_DIST_PORT", "ARSCALE_EPMD_PORT", "ARSCALE_SMTP_PORT", "ARSCALE_MAIL_WEB_PORT" })
        {
            startInfo.Environment[name] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // aiosmtpd: the maildev install needs npm and adds nothing to what this test proves.
        startInfo.Environment["ARSCALE_SMTP_SINK"] = "aiosmtpd";

        var output = new StringBuilder();
        var running = new TaskCompletionSource();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }

            if (line.Data?.Contains("ArScale is running", StringComparison.Ordinal) == true)
            {
                running.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var childPids = new List<int>();
        try
        {
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(running.Task, exited, Task.Delay(TimeSpan.FromSeconds(90))) != running.Task)
            {
                Assert.Fail($"the system did not report running (exited: {exited.IsCompleted}). Output:\n{output}");
            }

            var startup = clock.Elapsed;
            using var http = new HttpClient();
            foreach (var port in Enumerable.Range(httpBase, 4))
            {
                Assert.Equal("Healthy", await http.GetStringAsync($"http://127.0.0.1:{port}/health"));
            }

            childPids.AddRange(Descendants(process.Id));
            Assert.True(startup < TimeSpan.FromSeconds(60), $"start took {startup}");
        }
        finally
        {
            _ = Kill(process.Id, 2); // SIGINT, as Ctrl+C in a terminal.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
        }

        Assert.True(childPids.Count >= 4, $"expected the services as child processes, saw {childPids.Count}\n{output}");
        Assert.All(childPids, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !IsZombie(pid), $"process {pid} outlived the AppHost"));
        Assert.DoesNotContain(Directory.EnumerateFiles("/proc", "cmdline", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1, IgnoreInaccessible = true })
            .Select(ReadOrEmpty), cmdline => cmdline.Contains(stateDirectory, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(stateDirectory, recursive: true);

    private static IEnumerable<int> Descendants(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ParentOf(pid) == parent)
            {
                yield return pid;
            }
        }
    }

    private static int ParentOf(int pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], out var ppid) ? ppid : -1;
    }

    private static bool IsZombie(int pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        return stat.Length == 0 || stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
