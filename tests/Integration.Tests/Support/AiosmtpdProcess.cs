using System.Diagnostics;
using System.Net.Sockets;

namespace ArScale.Integration.Tests.Support;

/// <summary>A second aiosmtpd sink on a port of the test's choosing, started when the test says: an SMTP server that comes back.</summary>
public sealed class AiosmtpdProcess : IAsyncDisposable
{
    private readonly Process process;

    private AiosmtpdProcess(Process process, string maildir)
    {
        this.process = process;
        Maildir = maildir;
    }

    public string Maildir { get; }

    public static async Task<AiosmtpdProcess> StartAsync(int port)
    {
        // aiosmtpd lays out the Maildir (tmp, new, cur) only in a folder that does not exist yet.
        var maildir = Path.Combine(Path.GetTempPath(), $"arscale-sink-{Guid.NewGuid():N}");

        // Debian's python3, not a pyenv one first on PATH: only the former can import Debian's aiosmtpd.
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, deadline.Token);
                return new AiosmtpdProcess(process, maildir);
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (Directory.Exists(Maildir))
        {
            Directory.Delete(Maildir, recursive: true);
        }
    }
}
