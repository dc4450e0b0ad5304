using Microsoft.Extensions.Options;

namespace ArScale.Gateway.OperationsConsole.Users;

/// <summary>
/// Writes the users named in <c>ArScale:Console:BootstrapUsers</c> before the Gateway serves requests: the first
/// admin of a new installation (the AppHost generates and prints its password) and the users tests sign in as.
/// Starting again with the same configuration changes nothing; a new configured password replaces the old one
/// (ending that user's sessions). A user an admin disabled stays disabled.
/// </summary>
public sealed partial class BootstrapConsoleUsers(
    IOptions<ConsoleOptions> options, ConsoleUserStore store, ConsolePasswords passwords, ILogger<BootstrapConsoleUsers> logger) : IHostedLifecycleService
{
    // Starting, not Start: every Starting runs before any Start, so the users exist before Kestrel takes a request.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var users = options.Value.BootstrapUsers.Select(entry => Validate(entry.Key, entry.Value)).ToList();
        foreach (var user in users)
        {
            await WriteAsync(user, cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A bad entry stops the start, naming the setting (never the password).</summary>
    public static NewConsoleUser Validate(string name, BootstrapConsoleUser user)
    {
        var candidate = new NewConsoleUser(name, user.Password, user.Role, user.CollectorId);
        if (candidate.Validate() is { Count: > 0 } errors)
        {
            throw new InvalidOperationException(
                $"{ConsoleOptions.Section}:BootstrapUsers:{name} is not valid: {string.Join("; ", errors.Select(error => $"{Setting(error.Key)}: {string.Join(", ", error.Value)}"))}.");
        }

        return candidate;
    }

    private async Task WriteAsync(NewConsoleUser user, CancellationToken cancellationToken)
    {
        var name = user.NormalizedName;
        if (await store.CreateAsync(name, passwords.Hash(user.Password!), user.ParsedRole, user.NormalizedCollectorId, ConsoleUserStore.ConfigurationSource, cancellationToken) is not null)
        {
            LogCreated(name, ConsoleRoles.Name(user.ParsedRole));
            return;
        }

        var existing = await store.UpdateFromConfigurationAsync(name, user.ParsedRole, user.NormalizedCollectorId, cancellationToken)
            ?? throw new InvalidOperationException(
                $"{ConsoleOptions.Section}:BootstrapUsers:{name} names a console user an admin created; configure another name or remove the setting.");

        // Verified rather than compared: the stored hash is salted, and an unchanged password must not end everyone's session.
        if (passwords.Verify(existing.PasswordHash, user.Password) == PasswordCheck.Wrong)
        {
            await store.SetPasswordAsync(name, passwords.Hash(user.Password!), cancellationToken);
            LogPasswordReplaced(name);
        }

        if (existing.IsDisabled)
        {
            LogStillDisabled(name);
        }
    }

    private static string Setting(string field) => field switch
    {
        "password" => "Password",
        "role" => "Role",
        "collectorId" => "CollectorId",
        _ => "(name)",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Console user '{Name}' ({Role}) created from configuration")]
    private partial void LogCreated(string name, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console user '{Name}' from configuration has a new password; their open sessions end")]
    private partial void LogPasswordReplaced(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console user '{Name}' from configuration was disabled by an admin and stays disabled")]
    private partial void LogStillDisabled(string name);
}
