using System.Globalization;
using ArScale.Load.Cli;
using ArScale.Load.Infrastructure;
using ArScale.Load.Mail;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Sink;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios;

/// <summary>
/// How many messages a second the load profile's SMTP sink (aiosmtpd, one Python process writing a Maildir) accepts
/// at most, from a client that costs next to nothing: the ceiling any Notifier figure on this machine sits under.
/// Every message sent must be in the Maildir afterwards, or the figure is not trusted (exit 1).
/// </summary>
public sealed class SinkCeiling : IScenario
{
    public string Name => "sink";

    public string Summary => "The SMTP sink's ceiling: raw MailKit sessions (NoDelay sockets, reused) flooding aiosmtpd with a ~5 KB notice; messages/s per connection count.";

    /// <summary>Measurements of one connection count before the least disturbed one is kept.</summary>
    private const int Attempts = 3;

    public IReadOnlyList<FlagHelp> Help =>
    [
        new("connections", "1,4,8,16", "connection counts to measure, one after the other"),
        new("duration", "15", "seconds measured per connection count"),
        new("warmup", "2", "seconds sent before each measurement and not counted"),
        new("quiet-wait", "300", "seconds to wait for other processes to leave the CPU before each measurement"),
        new("keep-mail", "false", "leave the run's messages in the sink's Maildir (they are counted, then deleted)"),
    ];

    public async Task<int> RunAsync(Flags flags, ScenarioContext context)
    {
        var connections = flags.IntList("connections", [1, 4, 8, 16], max: 512);
        var duration = flags.Seconds("duration", TimeSpan.FromSeconds(15));
        var warmup = flags.Seconds("warmup", TimeSpan.FromSeconds(2));
        var quietWait = flags.Seconds("quiet-wait", TimeSpan.FromSeconds(300));
        var keepMail = flags.Switch("keep-mail");
        flags.RejectUnknown();
        var cancellationToken = context.CancellationToken;

        var infra = await AnsiConsole.Status().StartAsync("Starting the load profile (scripts/infra.sh start --profile load)...",
            _ => LoadInfra.EnsureStartedAsync(context.Layout, cancellationToken));
        var runId = Invariant($"sink-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        var sink = new MaildirSink(infra.Maildir);
        long messageBytes;
        using (var sample = SampleMessage.Create(runId, 0))
        {
            messageBytes = SampleMessage.Size(sample);
        }

        AnsiConsole.MarkupLine(Invariant($"Flooding [bold]{Markup.Escape(infra.Smtp.ToString())}[/] with a {messageBytes:N0}-byte multipart notice, {duration.TotalSeconds:0.#} s per level after {warmup.TotalSeconds:0.#} s warm-up."));

        var levels = new List<SinkLevel>();
        var sent = 0L;
        foreach (var count in connections)
        {
            // Another process taking CPU in the middle of a level (a test run next door) spoils it: measured again.
            SinkLevel? kept = null;
            for (var attempt = 1; attempt <= Attempts && kept is not { Cpu.OtherCores: < QuietMachine.Threshold }; attempt++)
            {
                await QuietMachine.WaitAsync(quietWait, cancellationToken);
                var flood = new SinkFlood(infra.Smtp, infra.SinkPid, runId, count, warmup, duration);
                var level = await ShowProgressAsync(flood, warmup + duration, cancellationToken);
                sent += level.SentIncludingWarmup;
                if (level.Cpu.OtherCores >= QuietMachine.Threshold)
                {
                    AnsiConsole.MarkupLine(Invariant($"[yellow]Other processes used {level.Cpu.OtherCores:0.00} cores during the measurement (attempt {attempt} of {Attempts}).[/]"));
                }

                kept = kept is null || level.Cpu.OtherCores < kept.Cpu.OtherCores ? level with { Attempt = attempt } : kept;
            }

            levels.Add(kept!);
        }

        var stored = await AnsiConsole.Status().StartAsync("Counting the run's messages in the sink's Maildir...",
            _ => sink.NewMessagesAsync(SampleMessage.RunHeader, value => value == runId, cancellationToken));
        var verified = stored.Count == sent;

        var report = new Report(Name, "SMTP sink ceiling (aiosmtpd, load profile)");
        report.Paragraph(Invariant(
            $"""
            Raw MailKit `SmtpClient`s on sockets opened with `NoDelay = true` and handed to `ConnectAsync(socket, host, port, SecureSocketOptions.None)`, each session reused for every message, flood the load profile's aiosmtpd sink ({infra.Smtp}, Maildir `{infra.Maildir}`) with one {messageBytes:N0}-byte multipart/alternative notice (text + HTML, ten invoice lines). Each connection count runs {warmup.TotalSeconds:0.#} s of warm-up, then {duration.TotalSeconds:0.#} s measured. Send latency is one `SendAsync`: MAIL FROM, RCPT TO, DATA and the sink's write to its Maildir.
            """));
        report.Table(new ReportTable(
            ["connections", "messages", "msgs/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "aiosmtpd cores", "load tool cores", "other cores", "attempt"],
            [.. levels.Select(level => (IReadOnlyList<string>)
            [
                Number(level.Connections), Number(level.Messages), Rate(level.MessagesPerSecond),
                Milliseconds(level.SendLatency.P50), Milliseconds(level.SendLatency.P90), Milliseconds(level.SendLatency.P99), Milliseconds(level.SendLatency.Max),
                Cores(level.Cpu, "aiosmtpd"), Cores(level.Cpu, "load tool"), level.Cpu.OtherCores.ToString("0.00", CultureInfo.InvariantCulture),
                Number(level.Attempt),
            ])]));
        report.Paragraph(Invariant($"Cores = CPU seconds / wall seconds during the measured window; `other` is machine CPU used by neither (the OS, anything else running). A level during which other processes used {QuietMachine.Threshold:0.00} cores or more is measured again (up to {Attempts} times) and the least disturbed attempt is kept; `attempt` says which."));
        var best = levels.MaxBy(level => level.MessagesPerSecond)!;
        report.Paragraph(
            $"Ceiling: **{Rate(best.MessagesPerSecond)} messages/s** at {best.Connections} connection(s), with aiosmtpd (one single-threaded Python process) " +
            $"at {Cores(best.Cpu, "aiosmtpd")} of a core and the MailKit client at {Cores(best.Cpu, "load tool")}: the sink is the limit, not the client. " +
            "A Notifier figure on this machine can approach this number but not pass it.");
        report.Paragraph(verified
            ? $"Check: all {Number(sent)} messages sent (warm-up and repeated attempts included) are in the Maildir."
            : $"**Check failed**: {Number(sent)} messages sent (warm-up and repeated attempts included), {Number(stored.Count)} in the Maildir.");

        var chart = Charts.PerSecond("aiosmtpd sink: messages accepted per second", "messages / s",
            levels.Select(level => ($"{level.Connections} connection(s)", level.PerSecond)));
        var machine = MachineInfo.Collect(context.Layout.Root);
        var path = await report.WriteAsync(context.Layout, machine, context.CommandLine, new { runId, messageBytes, warmupSeconds = warmup.TotalSeconds, levels, sent, stored = stored.Count }, chart, cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");

        if (!keepMail)
        {
            MaildirSink.Delete(stored.Select(message => message.File));
        }

        return verified ? 0 : 1;
    }

    private static async Task<SinkLevel> ShowProgressAsync(SinkFlood flood, TimeSpan length, CancellationToken cancellationToken) =>
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"{flood.Connections} connection(s)", maxValue: length.TotalSeconds);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var run = flood.RunAsync(cancellationToken);
                while (!run.IsCompleted)
                {
                    task.Value = Math.Min(length.TotalSeconds, clock.Elapsed.TotalSeconds);
                    task.Description = Invariant($"{flood.Connections} connection(s): {flood.Sent:N0} sent");
                    await Task.WhenAny(run, Task.Delay(250, cancellationToken));
                }

                var level = await run;
                task.Value = length.TotalSeconds;
                task.Description = Invariant($"{flood.Connections} connection(s): {level.MessagesPerSecond:N0} msgs/s");
                return level;
            });

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Milliseconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Cores(CpuUsage cpu, string component) =>
        cpu.Components.FirstOrDefault(entry => entry.Name == component) is { } found ? found.Cores.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
