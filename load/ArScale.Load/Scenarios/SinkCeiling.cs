using System.Globalization;
using ArScale.Load.Cli;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Mail.SmtpSink;
using ArScale.Load.Mail;
using ArScale.Load.Reports;
using ArScale.Load.Scenarios.Sink;
using Spectre.Console;
using static System.FormattableString;

namespace ArScale.Load.Scenarios;

/// <summary>
/// How many messages a second an SMTP sink accepts at most, from a client that costs little: the ceiling any Notifier
/// or storm figure on this machine sits under. Measured for the load tool's own .NET sink and for the load profile's
/// aiosmtpd (one Python process writing a Maildir). Every message sent must have been accepted by the sink it was
/// sent to, or the figure is not trusted (exit 1).
/// </summary>
public sealed class SinkCeiling : IScenario
{
    public string Name => "sink";

    public string Summary => "The SMTP sinks' ceiling: raw MailKit sessions (NoDelay sockets, reused) flooding the .NET sink and aiosmtpd with a ~5 KB notice; messages/s per connection count.";

    public IReadOnlyList<FlagHelp> Help =>
    [
        new("sink", "dotnet,aiosmtpd", "sinks to measure, one after the other (" + SinkKinds.Help + ")"),
        new("connections", "1,16", "connection counts to measure per sink (the published report: 1,4,16)"),
        new("duration", "4", "seconds measured per connection count (the published report: 15)"),
        new("warmup", "1", "seconds sent before each measurement and not counted (the published report: 2)"),
        new("attempts", "1", "measurements of a level disturbed by other processes, the least disturbed kept (the published report: 3)"),
        new("quiet-wait", "300", "seconds to wait for other processes to leave the CPU before each measurement"),
        new("keep-mail", "false", "leave the run's messages in aiosmtpd's Maildir (they are counted, then deleted)"),
    ];

    public async Task<int> RunAsync(Flags flags, ScenarioContext context)
    {
        var sinks = SinkKinds.FlagList(flags, "sink", [SinkKind.Dotnet, SinkKind.Aiosmtpd]);
        var connections = flags.IntList("connections", [1, 16], max: 512);
        var duration = flags.Seconds("duration", TimeSpan.FromSeconds(4));
        var warmup = flags.Seconds("warmup", TimeSpan.FromSeconds(1));
        var attempts = flags.Int("attempts", 1, max: 10);
        var quietWait = flags.Seconds("quiet-wait", TimeSpan.FromSeconds(300));
        var keepMail = flags.Switch("keep-mail");
        flags.RejectUnknown();
        var cancellationToken = context.CancellationToken;

        var infra = await AnsiConsole.Status().StartAsync("Starting the load profile (scripts/infra.sh start --profile load)...",
            _ => LoadInfra.EnsureStartedAsync(context.Layout, cancellationToken));
        var runId = Invariant($"sink-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        long messageBytes;
        using (var sample = SampleMessage.Create(runId, 0))
        {
            messageBytes = SampleMessage.Size(sample);
        }

        var levels = new List<SinkLevel>();
        var checks = new List<SinkCheck>();
        foreach (var kind in sinks)
        {
            await using var sink = await SinkKinds.OpenAsync(kind, infra, context.Processes, context.Layout.RawDirectory(runId), cancellationToken);
            AnsiConsole.MarkupLine(Invariant($"Flooding the [bold]{kind.Name()}[/] sink at {Markup.Escape(sink.Smtp.ToString())} with a {messageBytes:N0}-byte multipart notice, {duration.TotalSeconds:0.#} s per level after {warmup.TotalSeconds:0.#} s warm-up."));
            var sent = 0L;
            foreach (var count in connections)
            {
                // Another process taking CPU in the middle of a level (a test run next door) spoils it: measured again.
                SinkLevel? kept = null;
                for (var attempt = 1; attempt <= attempts && kept is not { Cpu.OtherCores: < QuietMachine.Threshold }; attempt++)
                {
                    await QuietMachine.WaitAsync(quietWait, cancellationToken);
                    var flood = new SinkFlood(kind.Name(), sink.Smtp, sink.Cpu, runId, count, warmup, duration);
                    var level = await ShowProgressAsync(flood, warmup + duration, cancellationToken);
                    sent += level.SentIncludingWarmup;
                    if (level.Cpu.OtherCores >= QuietMachine.Threshold)
                    {
                        AnsiConsole.MarkupLine(Invariant($"[yellow]Other processes used {level.Cpu.OtherCores:0.00} cores during the measurement (attempt {attempt} of {attempts}).[/]"));
                    }

                    kept = kept is null || level.Cpu.OtherCores < kept.Cpu.OtherCores ? level with { Attempt = attempt } : kept;
                }

                levels.Add(kept!);
            }

            var stored = await AnsiConsole.Status().StartAsync($"Counting the run's messages the {kind.Name()} sink accepted...", async _ =>
            {
                // The .NET sink writes its receipts at most 100 ms after the 250; aiosmtpd's file exists before its 250.
                await Task.Delay(ReceiptLog.FlushInterval * 3, cancellationToken);
                return (await sink.ReceiptsAsync(cancellationToken)).Count(receipt => receipt.RunId == runId);
            });
            checks.Add(new SinkCheck(kind.Name(), sent, stored));
            if (!keepMail)
            {
                await sink.DiscardAsync(receipt => receipt.RunId == runId, cancellationToken);
            }
        }

        var report = new Report(Name, "SMTP sink ceiling (the .NET sink and aiosmtpd)");
        report.Paragraph(Invariant(
            $"""
            Raw MailKit `SmtpClient`s on sockets opened with `NoDelay = true` and handed to `ConnectAsync(socket, host, port, SecureSocketOptions.None)`, each session reused for every message, flood a sink with one {messageBytes:N0}-byte multipart/alternative notice (text + HTML, ten invoice lines). Sinks: `dotnet` is the load tool's own SMTP sink (`load/ArScale.Load/Mail/SmtpSink`, started as a process of its own: it reads every byte, answers per RFC 5321 with PIPELINING, and appends a receipt per message to a file); `aiosmtpd` is the load profile's (one Python process writing each message to a Maildir, {infra.Maildir}). Each connection count runs {warmup.TotalSeconds:0.#} s of warm-up, then {duration.TotalSeconds:0.#} s measured. Send latency is one `SendAsync`: MAIL FROM, RCPT TO, DATA and the sink's 250.
            """));
        report.Table(new ReportTable(
            ["sink", "connections", "messages", "msgs/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "sink cores", "client cores", "other cores", "attempt"],
            [.. levels.Select(level => (IReadOnlyList<string>)
            [
                level.Sink, Number(level.Connections), Number(level.Messages), Rate(level.MessagesPerSecond),
                Milliseconds(level.SendLatency.P50), Milliseconds(level.SendLatency.P90), Milliseconds(level.SendLatency.P99), Milliseconds(level.SendLatency.Max),
                Cores(level.Cpu, SinkLevel.SinkComponent), Cores(level.Cpu, "load tool"), level.Cpu.OtherCores.ToString("0.00", CultureInfo.InvariantCulture),
                Number(level.Attempt),
            ])]));
        report.Paragraph(Invariant($"Cores = CPU seconds / wall seconds during the measured window (`client` is the load tool's MailKit sessions); `other` is machine CPU used by neither (the OS, anything else running). A level during which other processes used {QuietMachine.Threshold:0.00} cores or more is measured again (up to {attempts} times) and the least disturbed attempt is kept; `attempt` says which."));
        report.Bullets(levels.GroupBy(level => level.Sink).Select(group => Ceiling(group.MaxBy(level => level.MessagesPerSecond)!)));
        report.Paragraph(checks.All(check => check.Passed)
            ? "Check: every message sent (warm-up and repeated attempts included) was accepted by its sink: " + string.Join("; ", checks.Select(check => $"{check.Sink} {Number(check.Sent)}")) + "."
            : "**Check failed**: " + string.Join("; ", checks.Where(check => !check.Passed).Select(check => $"{check.Sink}: {Number(check.Sent)} sent, {Number(check.Stored)} accepted")) + ".");

        var chart = Charts.PerSecond("SMTP sinks: messages accepted per second", "messages / s",
            levels.Select(level => ($"{level.Sink}, {level.Connections} connection(s)", level.PerSecond)));
        var machine = MachineInfo.Collect(context.Layout.Root);
        var path = await report.WriteAsync(context.Layout, machine, context.CommandLine, new { runId, messageBytes, warmupSeconds = warmup.TotalSeconds, levels, checks }, chart, cancellationToken);
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(path)}[/]");
        return checks.All(check => check.Passed) ? 0 : 1;
    }

    /// <summary>What limits the best level: the sink's own process when it fills a core, otherwise the two cores it shares with the client.</summary>
    private static string Ceiling(SinkLevel best)
    {
        var sinkCores = best.Cpu.Components.FirstOrDefault(component => component.Name == SinkLevel.SinkComponent)?.Cores ?? 0;
        var limit = sinkCores >= 0.8 && best.Sink == "aiosmtpd"
            ? "the sink is the limit (single-threaded, it fills one core), not the client"
            : best.Cpu.MachineBusyCores >= best.Cpu.MachineCores * 0.85
                ? Invariant($"the machine is the limit: the machine's {best.Cpu.MachineCores} cores were {best.Cpu.MachineBusyCores / best.Cpu.MachineCores:P0} busy, shared by the client and the sink")
                : "neither the sink nor the machine is saturated: more connections would go faster";
        return Invariant($"**{best.Sink}**: ceiling **{Rate(best.MessagesPerSecond)} messages/s** at {best.Connections} connection(s), the sink at {Cores(best.Cpu, SinkLevel.SinkComponent)} of a core and the MailKit client at {Cores(best.Cpu, "load tool")}: {limit}.");
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
