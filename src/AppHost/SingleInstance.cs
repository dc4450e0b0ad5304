namespace ArScale.AppHost;

/// <summary>
/// One AppHost per profile: a second one would fight the first for its ports and, worse, take the first
/// one's services for leftovers of a crashed run. An exclusive open is an flock on Linux, released by
/// the kernel when the process dies, so a crash never leaves it stuck.
/// </summary>
public sealed class SingleInstance(string lockFile) : IDisposable
{
    private FileStream? handle;

    public bool Held => handle is not null;

    public void Acquire()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        try
        {
            handle = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new StartupFailedException("apphost", $"another AppHost is already running this profile (lock {lockFile}). Stop it with Ctrl+C first.");
        }
    }

    public void Dispose()
    {
        handle?.Dispose();
        handle = null;
    }
}
