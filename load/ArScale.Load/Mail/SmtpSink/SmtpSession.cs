using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;

namespace ArScale.Load.Mail.SmtpSink;

/// <summary>
/// One SMTP conversation (RFC 5321): EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY, HELP, QUIT, each answered with the
/// code the RFC gives it, including the out-of-sequence and syntax errors. Every complete command the client has sent
/// is answered in order and the answers leave in one write, so a PIPELINING client (RFC 2920) gets its replies
/// together and a plain one gets each at once. The message is not kept: every byte of DATA is read and counted, the
/// header block is looked at for the receipt, and the receipt is recorded before the 250 that accepts the message.
/// </summary>
internal sealed class SmtpSession(Socket socket, ReceiptLog log, string hostName)
{
    /// <summary>RFC 5321 §4.5.3.2.7: a server waits at least 5 minutes for the next command.</summary>
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>RFC 5321 §4.5.3.1.4 allows 512 octets; a longer command is refused and the session closed (no resync is possible).</summary>
    private const int MaxCommandLine = 2048;

    /// <summary>RFC 5321 §4.5.3.1.8: at least 100 recipients must be accepted.</summary>
    private const int MaxRecipients = 1000;

    /// <summary>A DATA line longer than this is counted in pieces rather than held.</summary>
    private const int MaxHeldDataLine = 64 * 1024;

    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    private readonly MessageHeaders headers = new();
    private bool greeted;
    private bool inTransaction;
    private int recipients;
    private bool inData;
    private bool continuesLongLine;
    private long dataBytes;

    public async Task RunAsync(CancellationToken stopping)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            Reply(output, $"220 {hostName} ESMTP ArScale load sink ready");
            await output.FlushAsync(stopping);
            while (true)
            {
                idle.CancelAfter(IdleTimeout);
                ReadResult read;
                try
                {
                    read = await input.ReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    Reply(output, "421 Idle for too long, closing the connection");
                    await output.FlushAsync(CancellationToken.None);
                    return;
                }

                idle.TryReset();
                var buffer = read.Buffer;
                var close = Process(ref buffer, output);
                input.AdvanceTo(buffer.Start, buffer.End);
                await output.FlushAsync(stopping);
                if (close || read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
        {
            // The client went away, or the sink is stopping: a message cut off before its final dot is not accepted.
        }
        finally
        {
            await input.CompleteAsync();
            await output.CompleteAsync();
        }
    }

    /// <summary>Handles every complete line in the buffer and leaves the rest; true when the session is to close.</summary>
    private bool Process(ref ReadOnlySequence<byte> buffer, PipeWriter output)
    {
        while (true)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> line, CrLf, advancePastDelimiter: true))
            {
                buffer = buffer.Slice(reader.Position);
                if (inData)
                {
                    DataLine(line, output);
                }
                else if (Command(line, output))
                {
                    return true;
                }

                continue;
            }

            if (inData && buffer.Length > MaxHeldDataLine)
            {
                // Keep the last byte: it may be the CR of a CRLF whose LF has not arrived yet.
                var counted = buffer.Length - 1;
                dataBytes += counted;
                headers.LineTooLong();
                continuesLongLine = true;
                buffer = buffer.Slice(counted);
            }
            else if (!inData && buffer.Length > MaxCommandLine)
            {
                Reply(output, "500 Line too long");
                return true;
            }

            return false;
        }
    }

    private void DataLine(ReadOnlySequence<byte> line, PipeWriter output)
    {
        if (continuesLongLine)
        {
            dataBytes += line.Length + 2;
            continuesLongLine = false;
            return;
        }

        if (line.Length == 1 && line.FirstSpan[0] == (byte)'.')
        {
            log.Record(new SinkReceipt(DateTimeOffset.UtcNow, dataBytes, headers.NoticeId, headers.MessageId, headers.RunId));
            Reply(output, $"250 OK: message {log.Accepted} accepted");
            inData = false;
            ResetTransaction();
            return;
        }

        // RFC 5321 §4.5.2: a line the client started with a dot had one added.
        var content = !line.IsEmpty && line.FirstSpan[0] == (byte)'.' ? line.Slice(1) : line;
        dataBytes += content.Length + 2;
        headers.Line(content);
    }

    /// <summary>Answers one command; true when the session is to close (QUIT).</summary>
    private bool Command(ReadOnlySequence<byte> line, PipeWriter output)
    {
        var text = Encoding.UTF8.GetString(line);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var argument = space < 0 ? "" : text[(space + 1)..].Trim();
        switch (verb)
        {
            case "EHLO" when argument.Length == 0:
            case "HELO" when argument.Length == 0:
                Reply(output, $"501 Syntax: {verb} hostname");
                break;
            case "EHLO":
                // No STARTTLS, AUTH or CHUNKING: a client must not use what is not offered.
                greeted = true;
                ResetTransaction();
                Reply(output, $"250-{hostName} greets {argument}");
                Reply(output, "250-PIPELINING");
                Reply(output, "250-8BITMIME");
                Reply(output, "250-SMTPUTF8");
                Reply(output, "250 SIZE 0");
                break;
            case "HELO":
                greeted = true;
                ResetTransaction();
                Reply(output, $"250 {hostName}");
                break;
            case "MAIL":
                Mail(argument, output);
                break;
            case "RCPT":
                Recipient(argument, output);
                break;
            case "DATA":
                Data(argument, output);
                break;
            case "RSET" when argument.Length > 0:
            case "QUIT" when argument.Length > 0:
                Reply(output, $"501 Syntax: {verb}");
                break;
            case "RSET":
                ResetTransaction();
                Reply(output, "250 OK");
                break;
            case "NOOP":
                // RFC 5321 §4.1.1.9: a parameter may be given and is ignored.
                Reply(output, "250 OK");
                break;
            case "VRFY" when argument.Length == 0:
                Reply(output, "501 Syntax: VRFY <address>");
                break;
            case "VRFY":
                Reply(output, "252 Cannot VRFY user, but will accept message and attempt delivery");
                break;
            case "HELP":
                Reply(output, "214 Supported: EHLO HELO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT");
                break;
            case "QUIT":
                Reply(output, "221 Bye");
                return true;
            case "EXPN" or "STARTTLS" or "AUTH" or "BDAT" or "TURN" or "ETRN":
                Reply(output, $"502 {verb} not implemented");
                break;
            default:
                Reply(output, "500 Command not recognized");
                break;
        }

        return false;
    }

    private void Mail(string argument, PipeWriter output)
    {
        if (!greeted)
        {
            Reply(output, "503 Send EHLO or HELO first");
        }
        else if (inTransaction)
        {
            Reply(output, "503 Nested MAIL command");
        }
        else if (Path(argument, "FROM:", allowNull: true) is null)
        {
            Reply(output, "501 Syntax: MAIL FROM:<address>");
        }
        else
        {
            inTransaction = true;
            Reply(output, "250 OK");
        }
    }

    private void Recipient(string argument, PipeWriter output)
    {
        if (!inTransaction)
        {
            Reply(output, "503 Need MAIL command first");
        }
        else if (Path(argument, "TO:", allowNull: false) is null)
        {
            Reply(output, "501 Syntax: RCPT TO:<address>");
        }
        else if (recipients >= MaxRecipients)
        {
            Reply(output, "452 Too many recipients");
        }
        else
        {
            recipients++;
            Reply(output, "250 OK");
        }
    }

    private void Data(string argument, PipeWriter output)
    {
        if (argument.Length > 0)
        {
            Reply(output, "501 Syntax: DATA");
        }
        else if (!inTransaction)
        {
            Reply(output, "503 Need MAIL command first");
        }
        else if (recipients == 0)
        {
            Reply(output, "503 Need RCPT command first");
        }
        else
        {
            inData = true;
            dataBytes = 0;
            headers.Reset();
            Reply(output, "354 End data with <CR><LF>.<CR><LF>");
        }
    }

    /// <summary>The reverse- or forward-path of MAIL FROM:/RCPT TO: (its parameters, such as SIZE= or BODY=, are allowed and ignored).</summary>
    private static string? Path(string argument, string keyword, bool allowNull)
    {
        if (!argument.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = argument[keyword.Length..].TrimStart();
        var close = rest.IndexOf('>', StringComparison.Ordinal);
        if (rest.Length == 0 || rest[0] != '<' || close < 0)
        {
            return null;
        }

        var path = rest[1..close];
        return path.Length > 0 || allowNull ? path : null;
    }

    private void ResetTransaction()
    {
        inTransaction = false;
        recipients = 0;
    }

    private static void Reply(PipeWriter output, string reply)
    {
        var bytes = Encoding.UTF8.GetByteCount(reply) + 2;
        var span = output.GetSpan(bytes);
        var written = Encoding.UTF8.GetBytes(reply, span);
        span[written] = (byte)'\r';
        span[written + 1] = (byte)'\n';
        output.Advance(written + 2);
    }
}
