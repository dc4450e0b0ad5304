using System.Collections.Concurrent;
using MimeKit;

namespace ArScale.Integration.Tests.Support;

/// <summary>
/// The messages an aiosmtpd Maildir holds, by the notice id the Notifier stamps on each. Every file is read
/// once, so polling a sink with thousands of messages stays cheap.
/// </summary>
public sealed class MailSink(string maildir)
{
    public const string NoticeIdHeader = "X-ArScale-Notice-Id";

    private readonly ConcurrentDictionary<string, string?> noticeIdByFile = new(StringComparer.Ordinal);

    public static MailSink Shared { get; } = new(TestEnvironment.SmtpMaildir);

    /// <summary>The notice ids of every message received so far, one entry per message (a duplicate appears twice).</summary>
    public IReadOnlyList<string> NoticeIds()
    {
        var folder = Path.Combine(maildir, "new");
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder) : [])
        {
            noticeIdByFile.GetOrAdd(file, ReadNoticeId);
        }

        return [.. noticeIdByFile.Values.OfType<string>()];
    }

    public int CountFor(string noticeIdPrefix) => NoticeIds().Count(id => id.StartsWith(noticeIdPrefix, StringComparison.Ordinal));

    public async Task<IReadOnlyList<MimeMessage>> MessagesForAsync(string noticeId)
    {
        NoticeIds();
        var files = noticeIdByFile.Where(entry => entry.Value == noticeId).Select(entry => entry.Key).ToList();
        var messages = new List<MimeMessage>();
        foreach (var file in files)
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }

        return messages;
    }

    public async Task<MimeMessage> WaitForAsync(string noticeId, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if ((await MessagesForAsync(noticeId)) is [var message, ..])
            {
                return message;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    private static string? ReadNoticeId(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return HeaderList.Load(stream)[NoticeIdHeader];
        }
        catch (IOException)
        {
            return null;
        }
    }
}
