using ArScale.Load.Cli;

namespace ArScale.Load.Infrastructure.Sinks;

/// <summary>Which SMTP sink a scenario measures against (<c>--sink</c>).</summary>
public enum SinkKind
{
    /// <summary>The load tool's own sink (<c>Mail/SmtpSink</c>) as a process of its own: thousands of messages a second.</summary>
    Dotnet,

    /// <summary>The load profile's aiosmtpd, writing a Maildir: one Python process, a few hundred messages a second.</summary>
    Aiosmtpd,
}

public static class SinkKinds
{
    public const string Help = "dotnet: the load tool's own SMTP sink (a process of its own); aiosmtpd: the load profile's Python sink";

    public static string Name(this SinkKind kind) => kind == SinkKind.Dotnet ? "dotnet" : "aiosmtpd";

    public static SinkKind Parse(string flag, string text) => text switch
    {
        "dotnet" => SinkKind.Dotnet,
        "aiosmtpd" => SinkKind.Aiosmtpd,
        _ => throw new FlagException($"--{flag} is dotnet or aiosmtpd, not '{text}'"),
    };

    public static SinkKind Flag(Flags flags, string name, SinkKind fallback) =>
        flags.Text(name) is { } text ? Parse(name, text) : fallback;

    public static IReadOnlyList<SinkKind> FlagList(Flags flags, string name, IReadOnlyList<SinkKind> fallback) =>
        flags.Text(name) is { } text
            ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part => Parse(name, part)).Distinct()]
            : fallback;

    /// <summary>Opens the sink of that kind: starts the .NET sink (a fresh process and receipt log), or uses the profile's aiosmtpd.</summary>
    public static async Task<IMailSink> OpenAsync(
        SinkKind kind, LoadInfra infra, ServiceProcesses processes, string logDirectory, CancellationToken cancellationToken) => kind switch
    {
        SinkKind.Dotnet => await DotnetSink.StartAsync(processes, infra.Layout, logDirectory, cancellationToken),
        _ => AiosmtpdSink.Open(infra),
    };
}
