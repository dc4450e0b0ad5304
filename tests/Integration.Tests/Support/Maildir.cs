using MimeKit;

namespace ArScale.Integration.Tests.Support;

/// <summary>Reads what the aiosmtpd sink stored: one file per received message under <c>new/</c>.</summary>
public static class Maildir
{
    public static async Task<MimeMessage> WaitForAsync(string maildir, string messageId, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            foreach (var file in Directory.Exists(Path.Combine(maildir, "new")) ? Directory.EnumerateFiles(Path.Combine(maildir, "new")) : [])
            {
                var message = await MimeMessage.LoadAsync(file, deadline.Token);
                if (message.MessageId == messageId)
                {
                    return message;
                }
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
