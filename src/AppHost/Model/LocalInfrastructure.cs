using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ArScale.AppHost.Model;

/// <summary>
/// PostgreSQL, RabbitMQ and the SMTP sink of one profile, started together by the repository's own
/// <c>scripts/infra.sh</c> (the same script the tests and CI use, which starts the three in parallel), and
/// the connection settings it hands out. The three resources of Program.cs share one of these.
/// </summary>
public sealed partial class LocalInfrastructure(RepositoryLayout layout, string profile)
{
    private readonly Lock gate = new();
    private Task<IReadOnlyDictionary<string, string>>? started;
    private Task? stopped;

    public string Profile => profile;

    /// <summary>True when every component was already up before we started: then we leave it running.</summary>
    public bool WasAlreadyRunning { get; private set; }

    /// <summary>Starts the profile once, however many resources ask; answers with the settings <c>infra.sh env</c> prints.</summary>
    public Task<IReadOnlyDictionary<string, string>> EnsureStartedAsync(Action<string> output, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return started ??= StartAsync(output, cancellationToken);
        }
    }

    /// <summary>Stops the profile once, unless it was running before the AppHost started.</summary>
    public Task EnsureStoppedAsync(Action<string> output)
    {
        lock (gate)
        {
            return started is null ? Task.CompletedTask : stopped ??= StopAsync(output);
        }
    }

    /// <summary>The pid recorded by infra.sh for a component (e.g. <c>postgres</c>, <c>rabbitmq</c>, <c>maildev</c>).</summary>
    public int? ProcessId(string component)
    {
        var file = Path.Combine(layout.StateDirectory(profile), "pids", $"{component}.pid");
        try
        {
            return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> StartAsync(Action<string> output, CancellationToken cancellationToken)
    {
        WasAlreadyRunning = (await RunAsync(["status", "--profile", profile], _ => { }, cancellationToken)).ExitCode == 0;
        // Not cancelled half way: a start takes seconds, and the stop that follows a Ctrl+C then finds every component it started.
        var start = await RunAsync(["start", "--profile", profile], output, CancellationToken.None);
        if (start.ExitCode != 0)
        {
            throw new StartupFailedException("infrastructure", $"scripts/infra.sh start --profile {profile} failed (exit {start.ExitCode}):\n{start.Output.TrimEnd()}");
        }

        var environment = await RunAsync(["env", "--profile", profile], _ => { }, cancellationToken);
        return environment.ExitCode == 0
            ? ParseExports(environment.Output)
            : throw new StartupFailedException("infrastructure", $"scripts/infra.sh env failed: {environment.Output}");
    }

    private async Task StopAsync(Action<string> output)
    {
        if (WasAlreadyRunning)
        {
            output($"Infrastructure ({profile}) was running before the AppHost started: left running. Stop it with scripts/infra.sh stop --profile {profile}.");
            return;
        }

        await RunAsync(["stop", "--profile", profile], output, CancellationToken.None);
    }

    /// <summary>Reads the <c>export NAME='value'</c> lines the script prints for shells to eval.</summary>
    public static IReadOnlyDictionary<string, string> ParseExports(string output)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = ExportLine().Match(line);
            if (match.Success)
            {
                variables[match.Groups["name"].Value] = Unquote(match.Groups["value"].Value);
            }
        }

        return variables;
    }

    private static string Unquote(string value) => value switch
    {
        ['\'', .. var inner, '\''] => inner.Replace("'\\''", "'", StringComparison.Ordinal),
        ['"', .. var inner, '"'] => inner.Replace("\\\"", "\"", StringComparison.Ordinal),
        _ => value,
    };

    /// <summary>
    /// Runs the script with its output captured line by line (a live status table owns the terminal) and no terminal
    /// for input: a child sharing the terminal makes .NET write to it first, which a terminal nobody reads would block.
    /// </summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, Action<string> output, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(layout.InfraScript);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var all = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        void Receive(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (all)
            {
                all.AppendLine(line);
            }

            output(line);
        }

        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        if (!process.Start())
        {
            throw new StartupFailedException("infrastructure", "could not run bash");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken);
        lock (all)
        {
            return (process.ExitCode, all.ToString());
        }
    }

    [GeneratedRegex("^export (?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex ExportLine();
}
