using System.Text;
using System.Threading.Channels;

namespace ArScale.Load.Mail.SmtpSink;

/// <summary>
/// The sink's record of every message it accepted, appended to a file as they come. Sessions never wait for the disk:
/// a receipt goes into a queue, and one writer drains it, flushing at most every <see cref="FlushInterval"/> (a reader
/// polling the file sees each receipt within that), so thousands of messages a second cost a few writes.
/// </summary>
public sealed class ReceiptLog : IAsyncDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly Channel<SinkReceipt> pending = Channel.CreateUnbounded<SinkReceipt>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StreamWriter writer;
    private readonly Task writing;
    private long accepted;
    private long bytes;

    public ReceiptLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { NewLine = "\n" };
        writing = Task.Run(WriteAsync);
    }

    public long Accepted => Interlocked.Read(ref accepted);

    public long Bytes => Interlocked.Read(ref bytes);

    public void Record(SinkReceipt receipt)
    {
        Interlocked.Increment(ref accepted);
        Interlocked.Add(ref bytes, receipt.Bytes);
        pending.Writer.TryWrite(receipt);
    }

    /// <summary>Writes what is still queued and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await writing;
        await writer.DisposeAsync();
    }

    private async Task WriteAsync()
    {
        var reader = pending.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var receipt))
            {
                await writer.WriteLineAsync(receipt.ToLogLine());
            }

            await writer.FlushAsync();
            await Task.Delay(FlushInterval);
        }
    }
}
