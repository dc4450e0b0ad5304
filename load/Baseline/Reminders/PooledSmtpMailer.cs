using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ArScale.Load.Baseline.Reminders;

/// <summary>
/// The tuned baseline's mailer: at most <c>size</c> SMTP sessions, each connected (and authenticated, if the server
/// wants it) once and reused for reminder after reminder, so a reminder costs MAIL, RCPT and DATA instead of a TCP
/// connect, the greeting, EHLO and QUIT on top. Each session runs on a socket opened here with <c>NoDelay</c> (Nagle
/// off) and handed to MailKit: on MailKit's own socket a command waits for the server's delayed ACK.
/// </summary>
/// <remarks>
/// A session is lent to one job at a time. One whose send failed is discarded (its state on the server is unknown),
/// and the next job opens a new one; the failed job is retried by Hangfire like any failed job. A session idle for
/// longer than <see cref="MaxIdle"/>, which a server may have closed meanwhile, is closed rather than reused.
/// </remarks>
public sealed partial class PooledSmtpMailer : IReminderMailer, IAsyncDisposable
{
    /// <summary>Servers close idle sessions after a few minutes (RFC 5321 suggests 5): a shorter limit never meets a dead one.</summary>
    public static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly SmtpEndpoint smtp;
    private readonly TimeProvider time;
    private readonly ILogger<PooledSmtpMailer> logger;
    private readonly SemaphoreSlim slots;

    // Last in, first out: the sessions in use stay warm, any beyond what the load needs age out.
    private readonly ConcurrentStack<Session> idle = new();
    private long opened;
    private long discarded;

    public PooledSmtpMailer(SmtpEndpoint smtp, int size, TimeProvider time, ILogger<PooledSmtpMailer> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        this.smtp = smtp;
        this.time = time;
        this.logger = logger;
        Size = size;
        slots = new SemaphoreSlim(size, size);
    }

    public int Size { get; }

    /// <summary>Sessions opened so far (replacements included).</summary>
    public long ConnectionsOpened => Interlocked.Read(ref opened);

    /// <summary>Sessions thrown away because a send on them failed.</summary>
    public long ConnectionsDiscarded => Interlocked.Read(ref discarded);

    public string Describe() => $"a pool of at most {Size} reused SMTP sessions (NoDelay sockets) to {smtp}";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            var session = await RentAsync(cancellationToken);
            try
            {
                await session.Client.SendAsync(message, cancellationToken);
            }
            catch (Exception exception)
            {
                Interlocked.Increment(ref discarded);
                LogDiscarded(smtp.ToString(), exception.GetType().Name);
                await CloseAsync(session);
                throw;
            }

            session.LastUsed = time.GetUtcNow();
            idle.Push(session);
        }
        finally
        {
            slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryPop(out var session))
        {
            await CloseAsync(session);
        }

        slots.Dispose();
    }

    private async Task<Session> RentAsync(CancellationToken cancellationToken)
    {
        while (idle.TryPop(out var session))
        {
            if (session.Client.IsConnected && time.GetUtcNow() - session.LastUsed < MaxIdle)
            {
                return session;
            }

            await CloseAsync(session);
        }

        return await ConnectAsync(cancellationToken);
    }

    private async Task<Session> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(Timeout);
            await socket.ConnectAsync(smtp.Host, smtp.Port, connectTimeout.Token);
            await client.ConnectAsync(socket, smtp.Host, smtp.Port, SecureSocketOptions.None, connectTimeout.Token);
            if (smtp.Authenticates)
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", connectTimeout.Token);
            }
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }

        LogOpened(Interlocked.Increment(ref opened), smtp.ToString());
        return new Session(client, time.GetUtcNow());
    }

    private static async Task CloseAsync(Session session)
    {
        try
        {
            if (session.Client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await session.Client.DisconnectAsync(quit: true, quit.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or MailKit.ProtocolException or MailKit.CommandException)
        {
            // The session is broken already: there is nobody left to say QUIT to.
        }
        finally
        {
            session.Client.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened SMTP session #{Count} to {Server}")]
    private partial void LogOpened(long count, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A send failed on a pooled SMTP session to {Server} ({Error}): the session is discarded, the job is retried by Hangfire")]
    private partial void LogDiscarded(string server, string error);

    private sealed class Session(SmtpClient client, DateTimeOffset lastUsed)
    {
        public SmtpClient Client { get; } = client;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;
    }
}
