namespace ArScale.Gateway.OperationsConsole.Users;

/// <summary>A console user as stored: never the password, only its hash.</summary>
public sealed record ConsoleUser(
    string Name,
    string PasswordHash,
    ConsoleRole Role,
    string? CollectorId,
    string Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset PasswordChangedAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? DisabledAt)
{
    public bool IsDisabled => DisabledAt is not null;

    /// <summary>Changes whenever the password does; a session carries the stamp it was issued under, so changing the password ends old sessions.</summary>
    public string PasswordStamp => PasswordChangedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
