using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ArScale.Integration.Tests.Support;

/// <summary>
/// An SMTP server that speaks just enough of RFC 5321 to refuse every recipient with a permanent
/// <c>550</c>, as a provider does for a mailbox that does not exist. aiosmtpd accepts everything, so the
/// rejection path needs this. It counts the RCPT commands it saw, so a test can tell there was no retry.
/// </summary>
public sealed class RejectingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int recipientCommands;

    public RejectingSmtpServer()
    {
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int RecipientCommands => Volatile.Read(ref recipientCommands);

    public string ConnectionString => $"smtp://127.0.0.1:{Port}";

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 rejecting.test ESMTP");
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-rejecting.test\r\n250 8BITMIME");
                        break;
                    case "RCPT":
                        Interlocked.Increment(ref recipientCommands);
                        await writer.WriteLineAsync("550 5.1.1 No such user here");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }
}
