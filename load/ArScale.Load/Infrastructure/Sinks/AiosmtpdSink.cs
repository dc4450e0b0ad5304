using ArScale.Load.Mail.SmtpSink;
using MimeKit;

namespace ArScale.Load.Infrastructure.Sinks;

/// <summary>
/// The load profile's aiosmtpd: one file per accepted message in its Maildir. The folder is shared by every run of
/// the profile, so the sink remembers which files were there when it was opened and reads only the headers of the
/// new ones (once each); a message's receipt time is its file's modification time, when aiosmtpd wrote it.
/// </summary>
public sealed class AiosmtpdSink : IMailSink
{
    private readonly string maildir;
    private readonly HashSet<string> before;
    private readonly Dictionary<string, SinkReceipt> read = new(StringComparer.Ordinal);

    private AiosmtpdSink(Uri smtp, string maildir, int pid)
    {
        Smtp = smtp;
        this.maildir = maildir;
        Cpu = new CpuComponent("aiosmtpd", pid);
        before = new HashSet<string>(Files(maildir), StringComparer.Ordinal);
    }

    public SinkKind Kind => SinkKind.Aiosmtpd;

    public Uri Smtp { get; }

    public CpuComponent Cpu { get; }

    public static AiosmtpdSink Open(LoadInfra infra) =>
        new(infra.Smtp, infra.Maildir, infra.SinkPid ?? throw new LoadFailedException("the load profile's aiosmtpd has no pid file: is it running? (scripts/infra.sh status --profile load)"));

    public async Task<IReadOnlyList<SinkReceipt>> ReceiptsAsync(CancellationToken cancellationToken)
    {
        foreach (var file in Files(maildir).Where(file => !before.Contains(file) && !read.ContainsKey(file)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await ReadAsync(file, cancellationToken) is { } receipt)
            {
                read[file] = receipt;
            }
        }

        return [.. read.Values.OrderBy(receipt => receipt.ReceivedAt)];
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(Files(maildir).Count(file => !before.Contains(file)));

    /// <summary>Removes a run's messages once counted, so the sink's folder does not grow by a gigabyte a day of load runs.</summary>
    public async Task DiscardAsync(Func<SinkReceipt, bool> belongs, CancellationToken cancellationToken)
    {
        await ReceiptsAsync(cancellationToken);
        foreach (var (file, receipt) in read.Where(entry => belongs(entry.Value)).ToList())
        {
            File.Delete(file);
            read.Remove(file);
            before.Add(file);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static IEnumerable<string> Files(string maildir) =>
        new[] { "new", "cur" }.Select(sub => Path.Combine(maildir, sub)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles);

    private static async Task<SinkReceipt?> ReadAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            var info = new FileInfo(file);
            await using var stream = info.OpenRead();
            var headers = await HeaderList.LoadAsync(stream, cancellationToken);
            return new SinkReceipt(
                new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), info.Length,
                headers["X-ArScale-Notice-Id"], headers[HeaderId.MessageId]?.Trim().Trim('<', '>'), headers[Mail.SampleMessage.RunHeader]);
        }
        catch (FileNotFoundException)
        {
            // Moved from new/ to cur/ by a mail reader meanwhile: counted under its new name.
            return null;
        }
    }
}
