using MimeKit;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// What the aiosmtpd sink stored: one file per accepted message. The sink's folder is shared by every run of the
/// profile, so a run remembers which files were there before it and reads only the headers of the new ones.
/// </summary>
public sealed class MaildirSink(string maildir)
{
    private readonly HashSet<string> before = new(Files(maildir), StringComparer.Ordinal);

    public string Folder => maildir;

    /// <summary>
    /// The value of <paramref name="header"/> of every message stored since this object was made, one entry per file
    /// (a message stored twice appears twice), with its file, for the files whose value <paramref name="belongs"/>.
    /// </summary>
    public async Task<IReadOnlyList<(string File, string Value)>> NewMessagesAsync(string header, Func<string, bool> belongs, CancellationToken cancellationToken)
    {
        var found = new List<(string, string)>();
        foreach (var file in Files(maildir).Where(file => !before.Contains(file)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await ReadHeaderAsync(file, header, cancellationToken) is { } value && belongs(value))
            {
                found.Add((file, value));
            }
        }

        return found;
    }

    /// <summary>Removes a run's messages once counted, so the sink's folder does not grow by a gigabyte a day of load runs.</summary>
    public static void Delete(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<string> Files(string maildir) =>
        new[] { "new", "cur" }.Select(sub => Path.Combine(maildir, sub)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles);

    private static async Task<string?> ReadHeaderAsync(string file, string header, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(file);
            var headers = await HeaderList.LoadAsync(stream, cancellationToken);
            return headers[header];
        }
        catch (FileNotFoundException)
        {
            // Moved from new/ to cur/ by a mail reader meanwhile: counted under its new name, if it was new.
            return null;
        }
    }
}
