using System.Text;

namespace ArScale.Load.Mail.SmtpSink;

/// <summary>
/// Follows a <see cref="ReceiptLog"/> file while the sink writes it: each call reads what was appended since the last
/// one, whole lines only (a line still being written is picked up next time).
/// </summary>
public sealed class ReceiptLogReader(string path)
{
    private readonly List<SinkReceipt> receipts = [];
    private long offset;

    /// <summary>Every receipt in the file so far.</summary>
    public IReadOnlyList<SinkReceipt> ReadAll()
    {
        lock (receipts)
        {
            ReadNew();
            return [.. receipts];
        }
    }

    /// <summary>How many receipts the file holds so far.</summary>
    public int Count()
    {
        lock (receipts)
        {
            ReadNew();
            return receipts.Count;
        }
    }

    private void ReadNew()
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length <= offset)
        {
            return;
        }

        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[stream.Length - offset];
        stream.ReadExactly(buffer);
        var end = Array.LastIndexOf(buffer, (byte)'\n');
        if (end < 0)
        {
            return;
        }

        foreach (var line in Encoding.UTF8.GetString(buffer, 0, end).Split('\n'))
        {
            if (SinkReceipt.Parse(line) is { } receipt)
            {
                receipts.Add(receipt);
            }
        }

        offset += end + 1;
    }
}
