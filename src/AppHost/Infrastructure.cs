using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ArScale.AppHost;

/// <summary>
/// PostgreSQL, RabbitMQ and the SMTP sink, started by the repository's own <c>scripts/infra.sh</c>
/// (the same script the tests and CI use), and the connection settings it hands out.
/// </summary>
public sealed partial class Infrastructure(RepositoryLayout layout, string profile)
{
    public string Profile => profile;

    /// <summary>True when every component was already up before we started: then we leave it running.</summary>
    public bool WasAlreadyRunning { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        WasAlreadyRunning = await RunAsync(["status", "--profile", profile], capture: true, cancellationToken) is { ExitCode: 0 };
        var start = await RunAsync(["start", "--profile", profile], capture: false, cancellationToken);
        if (start.ExitCode != 0)
        {
            throw new StartupFailedException("infrastructure", $"scripts/infra.sh start --profile {profile} failed (exit {start.ExitCode}); its message above says which component and what to do.");
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(["env", "--profile", profile], capture: true, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new StartupFailedException("infrastructure", $"scripts/infra.sh env failed: {result.Output}");
        }

        return ParseExports(result.Output);
    }

    public async Task StopAsync()
    {
        if (WasAlreadyRunning)
        {
            Console.WriteLine($"Infrastructure ({profile}) was running before the AppHost started: left running. Stop it with scripts/infra.sh stop --profile {profile}.");
            return;
        }

        await RunAsync(["stop", "--profile", profile], capture: false, CancellationToken.None);
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

    private async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, bool capture, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("bash") { RedirectStandardOutput = capture, RedirectStandardError = capture };
        startInfo.ArgumentList.Add(layout.InfraScript);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new StartupFailedException("infrastructure", "could not run bash");
        var output = capture ? process.StandardOutput.ReadToEndAsync(cancellationToken) : Task.FromResult("");
        var errors = capture ? process.StandardError.ReadToEndAsync(cancellationToken) : Task.FromResult("");
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await errors);
    }

    [GeneratedRegex("^export (?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex ExportLine();
}
