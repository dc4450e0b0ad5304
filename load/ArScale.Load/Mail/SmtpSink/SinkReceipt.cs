using System.Globalization;
using System.Text;

namespace ArScale.Load.Mail.SmtpSink;

/// <summary>
/// One message a sink accepted: when (the sink's own clock, at the end of DATA, just before its 250), how many bytes
/// it carried, and the headers a scenario counts by: the Notifier's <c>X-ArScale-Notice-Id</c>, the Message-ID
/// (without angle brackets) and the load tool's own <c>X-ArScale-Load-Run</c>.
/// </summary>
public sealed record SinkReceipt(DateTimeOffset ReceivedAt, long Bytes, string? NoticeId, string? MessageId, string? RunId)
{
    /// <summary>
    /// One line of the receipt log: <c>unix-microseconds TAB bytes TAB notice-id TAB message-id TAB run-id</c>, an empty
    /// field for a header the message did not carry. Values are never allowed to hold a tab or a line break.
    /// </summary>
    public string ToLogLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(ReceivedAt - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond}\t{Bytes}\t{Field(NoticeId)}\t{Field(MessageId)}\t{Field(RunId)}");

    /// <summary>Reads a line written by <see cref="ToLogLine"/>; null for anything else (a torn or foreign line).</summary>
    public static SinkReceipt? Parse(string line)
    {
        var fields = line.Split('\t');
        if (fields.Length != 5
            || !long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var microseconds)
            || !long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
        {
            return null;
        }

        return new SinkReceipt(
            DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond), bytes,
            Value(fields[2]), Value(fields[3]), Value(fields[4]));
    }

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var clean = new StringBuilder(value.Length);
        foreach (var character in value)
        {
            clean.Append(character is '\t' or '\r' or '\n' ? ' ' : character);
        }

        return clean.ToString();
    }

    private static string? Value(string field) => field.Length == 0 ? null : field;
}
