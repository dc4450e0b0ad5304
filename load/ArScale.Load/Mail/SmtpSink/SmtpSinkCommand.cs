using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using ArScale.Load.Cli;

namespace ArScale.Load.Mail.SmtpSink;

/// <summary>
/// <c>smtp-sink --port N --log FILE [--address 127.0.0.1]</c>: the .NET sink as a process of its own, which is how the
/// scenarios run it (its CPU is then counted apart from the load tool's, as aiosmtpd's is). Runs until SIGTERM or
/// Ctrl+C, then writes the last receipts and exits 0.
/// </summary>
public static class SmtpSinkCommand
{
    public const string Name = "smtp-sink";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        IPEndPoint endPoint;
        string logFile;
        try
        {
            var flags = new Flags(arguments);
            var port = flags.Int("port", 0, min: 1, max: 65_535);
            logFile = flags.Text("log") ?? throw new FlagException("--log FILE is required");
            var address = flags.Text("address") ?? "127.0.0.1";
            flags.RejectUnknown();
            endPoint = new IPEndPoint(IPAddress.TryParse(address, out var ip) ? ip : throw new FlagException($"--address must be an IP address, not '{address}'"), port);
            if (port == 0)
            {
                throw new FlagException("--port N is required");
            }
        }
        catch (FlagException exception)
        {
            await Console.Error.WriteLineAsync($"{exception.Message}\nUsage: {Name} --port N --log FILE [--address 127.0.0.1]");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var log = new ReceiptLog(logFile);
        await using (log)
        {
            await using (var server = SmtpSinkServer.Start(endPoint, log))
            {
                Console.WriteLine($"SMTP sink listening on {server.EndPoint}, receipts appended to {Path.GetFullPath(logFile)}");
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Asked to stop.
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SMTP sink stopped: {log.Accepted:N0} messages, {log.Bytes:N0} bytes accepted"));
        }

        return 0;
    }
}
