using System.Security.Cryptography;

namespace ArScale.AppHost;

/// <summary>
/// A secret of the local system, made once per profile and kept in its state folder (readable by its owner
/// only), so a restart keeps it and a user who wrote it down is not surprised.
/// </summary>
public static class LocalSecret
{
    public static string LoadOrCreate(string file, Func<string> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var secret = create();
        File.WriteAllText(file, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }

    /// <summary><paramref name="bytes"/> random bytes as URL-safe base64 without padding.</summary>
    public static string Random(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
