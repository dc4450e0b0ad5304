using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArScale.Notifier.Channels.Email;

/// <summary>
/// A few open SMTP sessions reused across messages: connecting, EHLO, STARTTLS and AUTH cost more than a
/// message. Sockets have Nagle off: MailKit's own socket waits on delayed ACKs and manages about 23 messages a second.
/// </summary>
public sealed partial class SmtpConnectionPool(IOptions<SmtpOptions> options, TimeProvider time, ILogger<SmtpConnectionPool> logger) : IAsyncDisposable
{
    private readonly SmtpOptions settings = options.Value;
    private readonly SemaphoreSlim slots = new(options.Value.PoolSize, options.Value.PoolSize);
    private readonly ConcurrentBag<SmtpSession> idle = [];

    public async Task<SmtpSession> RentAsync(CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            while (idle.TryTake(out var session))
            {
                if (session.Client.IsConnected && time.GetUtcNow() - session.LastUsed < settings.IdleTimeout)
                {
                    return session;
                }

                await CloseAsync(session);
            }

            return await ConnectAsync(cancellationToken);
        }
        catch
        {
            slots.Release();
            throw;
        }
    }

    /// <summary>A session that failed mid-conversation is closed, not reused: its state on the server is unknown.</summary>
    public async ValueTask ReturnAsync(SmtpSession session, bool reusable)
    {
        if (reusable && session.Client.IsConnected)
        {
            session.LastUsed = time.GetUtcNow();
            idle.Add(session);
        }
        else
        {
            await CloseAsync(session);
        }

        slots.Release();
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var session))
        {
            await CloseAsync(session);
        }

        slots.Dispose();
    }

    private async Task<SmtpSession> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(settings.Timeout);
            await socket.ConnectAsync(settings.Host, settings.Port, connectTimeout.Token);
            await client.ConnectAsync(socket, settings.Host, settings.Port, settings.Security, connectTimeout.Token);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", connectTimeout.Token);
            }

            LogConnected(settings.Host, settings.Port);
            return new SmtpSession(client, time.GetUtcNow());
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private async ValueTask CloseAsync(SmtpSession session)
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
            // Closing a session that is already broken: nothing to do but let it go.
        }
        finally
        {
            session.Client.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Opened an SMTP session to {Host}:{Port}")]
    private partial void LogConnected(string host, int port);
}

public sealed class SmtpSession(SmtpClient client, DateTimeOffset lastUsed)
{
    public SmtpClient Client { get; } = client;

    public DateTimeOffset LastUsed { get; set; } = lastUsed;
}
