using MailKit.Security;

namespace ArScale.Notifier.Channels.Email;

/// <summary>
/// Where and how e-mail goes. Host, port and credentials come from the <c>smtp</c> connection string
/// (<c>smtp://user:password@host:port</c>); the rest from <c>ArScale:Notifier:Email</c>.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "ArScale:Notifier:Email";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    /// <summary><c>StartTls</c> for a provider that demands it; <c>StartTlsWhenAvailable</c> upgrades when offered.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "reminders@example.com";

    public string FromName { get; set; } = "ArScale Bank";

    /// <summary>Open, authenticated connections kept for reuse; each sends one message at a time.</summary>
    public int PoolSize { get; set; } = 8;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection idle longer than this is closed rather than reused: servers drop idle sessions.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public void ApplyConnectionString(string connectionString)
    {
        var uri = new Uri(connectionString);
        Host = uri.Host;
        Port = uri.IsDefaultPort || uri.Port <= 0 ? Port : uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            Username ??= Uri.UnescapeDataString(parts[0]);
            Password ??= parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }
    }
}
