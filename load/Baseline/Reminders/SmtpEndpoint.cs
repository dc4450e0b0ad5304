using System.Diagnostics.CodeAnalysis;

namespace ArScale.Load.Baseline.Reminders;

/// <summary>
/// The SMTP server, from <c>ConnectionStrings:smtp</c>: <c>smtp://host:port</c>, or
/// <c>smtp://user:password@host:port</c> for a server that wants AUTH (user and password URL-encoded).
/// </summary>
public sealed record SmtpEndpoint(string Host, int Port, string? Username, string? Password)
{
    public const int DefaultPort = 25;

    [MemberNotNullWhen(true, nameof(Username))]
    public bool Authenticates => !string.IsNullOrEmpty(Username);

    public static SmtpEndpoint Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme != "smtp" || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidOperationException("ConnectionStrings:smtp must look like smtp://host:port or smtp://user:password@host:port");
        }

        string? username = null;
        string? password = null;
        if (uri.UserInfo is { Length: > 0 } userInfo)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            password = colon < 0 ? "" : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }

        return new SmtpEndpoint(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, username, password);
    }

    /// <summary>Host and port only: the password never reaches a log.</summary>
    public override string ToString() => $"{Host}:{Port}";
}
