using System.Net;
using ArScale.Gateway.OperationsConsole.Users;

namespace ArScale.Gateway.OperationsConsole.SignIn;

/// <summary>What a sign-in attempt came to. Refused covers every way of being wrong, so the answer never tells which.</summary>
public abstract record SignInOutcome
{
    private SignInOutcome()
    {
    }

    public sealed record SignedIn(ConsoleUser User) : SignInOutcome;

    public sealed record Refused : SignInOutcome;

    /// <summary>Too many failures for this name or this address: refused without looking at the password.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : SignInOutcome;
}

/// <summary>
/// Checks a name and password. An unknown name, a disabled user and a wrong password are all <see cref="SignInOutcome.Refused"/>,
/// take the time of one password hash, and count against the name and the address alike.
/// </summary>
public sealed partial class ConsoleSignIn(ConsoleUserStore users, ConsolePasswords passwords, SignInThrottle throttle, ILogger<ConsoleSignIn> logger)
{
    public async Task<SignInOutcome> SignInAsync(string? name, string? password, IPAddress? address, CancellationToken cancellationToken)
    {
        var normalized = NewConsoleUser.Normalize(name);
        if (await throttle.LockedForAsync(normalized, address, cancellationToken) is { } wait)
        {
            LogThrottled(address?.ToString() ?? "unknown");
            return new SignInOutcome.Throttled(wait);
        }

        var user = NewConsoleUser.IsValidName(normalized) ? await users.FindAsync(normalized, cancellationToken) : null;
        var check = user is { IsDisabled: false } ? passwords.Verify(user.PasswordHash, password) : passwords.VerifyAgainstNothing(password);
        if (check == PasswordCheck.Wrong)
        {
            await throttle.RecordFailureAsync(normalized, address, cancellationToken);

            // The name only for a real user: people type their password into the name field, and that must not reach a log.
            LogRefused(user is null ? "(not a user)" : user.Name, address?.ToString() ?? "unknown");
            return new SignInOutcome.Refused();
        }

        if (check == PasswordCheck.RightButRehash)
        {
            await users.RehashAsync(user!.Name, passwords.Hash(password!), cancellationToken);
        }

        await throttle.ClearUserAsync(user!.Name, cancellationToken);
        await users.RecordSignInAsync(user.Name, cancellationToken);
        LogSignedIn(user.Name, ConsoleRoles.Name(user.Role));
        return new SignInOutcome.SignedIn(user);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in by {Name} ({Role})")]
    private partial void LogSignedIn(string name, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused for {Name} from {Address}")]
    private partial void LogRefused(string name, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in from {Address} refused unchecked: too many failures for the name or the address")]
    private partial void LogThrottled(string address);
}
