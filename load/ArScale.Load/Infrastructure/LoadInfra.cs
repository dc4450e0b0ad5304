using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// The load profile of <c>scripts/infra.sh</c> (PostgreSQL 27432, AMQP 27672, management 27673, aiosmtpd 27025 with
/// its Maildir): started if it is not up, and its connection settings as the script prints them. Left running
/// afterwards: it is cheap idle, and the next run starts in seconds.
/// </summary>
public sealed partial class LoadInfra
{
    private readonly IReadOnlyDictionary<string, string> settings;

    private LoadInfra(RepositoryLayout layout, IReadOnlyDictionary<string, string> settings)
    {
        Layout = layout;
        this.settings = settings;
    }

    public RepositoryLayout Layout { get; }

    /// <summary>Npgsql connection string to the profile's default database (runs make their own next to it).</summary>
    public string Postgres => Require("ConnectionStrings__postgres");

    /// <summary><c>amqp://guest:guest@127.0.0.1:27672/</c> (the default virtual host).</summary>
    public string RabbitMq => Require("ConnectionStrings__rabbitmq");

    public Uri RabbitManagement => new(Require("ARSCALE_RABBIT_MANAGEMENT_URL"));

    /// <summary><c>smtp://127.0.0.1:27025</c>.</summary>
    public Uri Smtp => new(Require("ConnectionStrings__smtp"));

    /// <summary>Where aiosmtpd stores every message it accepts, one file each under <c>new/</c>.</summary>
    public string Maildir => Require("ARSCALE_SMTP_MAILDIR");

    /// <summary>
    /// What a scenario does first: refuse to run without the Release builds of the services it starts (the tool
    /// builds them: a stale or missing one would measure the wrong code), then start the load profile.
    /// </summary>
    public static async Task<LoadInfra> PrepareAsync(RepositoryLayout layout, IEnumerable<string> services, CancellationToken cancellationToken)
    {
        foreach (var project in services)
        {
            if (!File.Exists(layout.ServiceAssembly(project)))
            {
                throw new LoadFailedException($"{layout.ServiceAssembly(project)} is missing: dotnet build -c Release load/ArScale.Load builds it");
            }
        }

        return await Spectre.Console.AnsiConsole.Status().StartAsync("Starting the load profile (scripts/infra.sh start --profile load)...",
            _ => EnsureStartedAsync(layout, cancellationToken));
    }

    public static async Task<LoadInfra> EnsureStartedAsync(RepositoryLayout layout, CancellationToken cancellationToken)
    {
        var start = await RunScriptAsync(layout, ["start", "--profile", RepositoryLayout.Profile], cancellationToken);
        if (start.ExitCode != 0)
        {
            throw new LoadFailedException($"scripts/infra.sh start --profile load failed (exit {start.ExitCode}):\n{start.Output}");
        }

        var env = await RunScriptAsync(layout, ["env", "--profile", RepositoryLayout.Profile], cancellationToken);
        if (env.ExitCode != 0)
        {
            throw new LoadFailedException($"scripts/infra.sh env --profile load failed (exit {env.ExitCode}):\n{env.Output}");
        }

        var infra = new LoadInfra(layout, ParseExports(env.Output));
        if (!infra.settings.TryGetValue("ARSCALE_SMTP_SINK", out var sink) || sink != "aiosmtpd")
        {
            throw new LoadFailedException($"the load profile's SMTP sink is '{sink}', not aiosmtpd: stop it (scripts/infra.sh stop --profile load) and start it without ARSCALE_SMTP_SINK");
        }

        return infra;
    }

    /// <summary>
    /// <c>scripts/infra.sh ctl rabbitmq|postgres ARGS</c> on the load profile: a fault scenario stops the broker's
    /// application or restarts the database cluster this way, the profile's own and nothing else.
    /// </summary>
    public async Task ControlAsync(string component, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunScriptAsync(Layout, ["ctl", component, .. arguments, "--profile", RepositoryLayout.Profile], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new LoadFailedException($"scripts/infra.sh ctl {component} {string.Join(' ', arguments)} failed (exit {result.ExitCode}):\n{result.Output}");
        }
    }

    /// <summary>The infrastructure's processes, by the pid files the script keeps, for CPU accounting.</summary>
    public IReadOnlyList<CpuComponent> ComponentPids()
    {
        var components = new List<CpuComponent>();
        foreach (var (name, file) in new[] { ("postgres", "postgres.pid"), ("rabbitmq", "rabbitmq.pid"), ("aiosmtpd", "aiosmtpd.pid") })
        {
            var path = Path.Combine(Layout.StateDirectory, "pids", file);
            if (File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                components.Add(new CpuComponent(name, pid));
            }
        }

        return components;
    }

    public int? SinkPid => ComponentPids().Where(component => component.Name == "aiosmtpd").Select(component => (int?)component.Pid).FirstOrDefault();

    private string Require(string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new LoadFailedException($"scripts/infra.sh env --profile load printed no {name}");

    /// <summary>Reads the <c>export NAME='value'</c> lines the script prints for shells to eval.</summary>
    private static Dictionary<string, string> ParseExports(string output)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ExportLine().Match(line) is { Success: true } match)
            {
                var value = match.Groups["value"].Value;
                variables[match.Groups["name"].Value] = value is ['\'', .. var inner, '\''] ? inner.Replace("'\\''", "'", StringComparison.Ordinal) : value;
            }
        }

        return variables;
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(RepositoryLayout layout, string[] arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(layout.InfraScript);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new LoadFailedException("could not run bash");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await output) + (await errors));
    }

    [GeneratedRegex("^export (?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex ExportLine();
}
