using System.Buffers;
using System.Text;

namespace ArScale.Load.Mail.SmtpSink;

/// <summary>
/// Reads a message's header block line by line, as DATA delivers it, for the three headers a receipt records; folded
/// lines are unfolded (RFC 5322 §2.2.3). Nothing else of the message is parsed: the body's lines are only counted.
/// </summary>
internal sealed class MessageHeaders
{
    private const int MaxHeaderBytes = 256 * 1024;

    private readonly StringBuilder noticeId = new();
    private readonly StringBuilder messageId = new();
    private readonly StringBuilder runId = new();
    private StringBuilder? current;
    private bool inHeaders = true;
    private long headerBytes;

    public string? NoticeId => Value(noticeId);

    public string? MessageId => Value(messageId)?.Trim('<', '>');

    public string? RunId => Value(runId);

    public void Reset()
    {
        noticeId.Clear();
        messageId.Clear();
        runId.Clear();
        current = null;
        inHeaders = true;
        headerBytes = 0;
    }

    /// <summary>One whole line of the message (dot-stuffing removed, without its CRLF).</summary>
    public void Line(ReadOnlySequence<byte> line)
    {
        if (!inHeaders)
        {
            return;
        }

        headerBytes += line.Length + 2;
        if (line.IsEmpty || headerBytes > MaxHeaderBytes)
        {
            // The blank line ends the header block; an absurdly long block is given up on (the message is still accepted).
            inHeaders = false;
            return;
        }

        var text = Encoding.UTF8.GetString(line);
        if (text[0] is ' ' or '\t')
        {
            current?.Append(text);
            return;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            // Not a header field: the sender left out the blank line, so the body has begun.
            inHeaders = false;
            return;
        }

        current = text.AsSpan(0, colon).Trim() switch
        {
            var name when name.Equals("X-ArScale-Notice-Id", StringComparison.OrdinalIgnoreCase) => noticeId,
            var name when name.Equals("Message-ID", StringComparison.OrdinalIgnoreCase) => messageId,
            var name when name.Equals(SampleMessage.RunHeader, StringComparison.OrdinalIgnoreCase) => runId,
            _ => null,
        };

        // A header given twice keeps its first value.
        if (current is { Length: > 0 })
        {
            current = null;
        }

        current?.Append(text, colon + 1, text.Length - colon - 1);
    }

    /// <summary>A line too long to hold was counted in pieces: a header block does not have those.</summary>
    public void LineTooLong() => inHeaders = false;

    private static string? Value(StringBuilder builder) => builder.Length == 0 ? null : builder.ToString().Trim() is { Length: > 0 } value ? value : null;
}
