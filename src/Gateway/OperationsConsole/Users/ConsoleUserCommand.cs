using System.Globalization;
using ArScale.Gateway.OperationsConsole.SignIn;

namespace ArScale.Gateway.OperationsConsole.Users;

/// <summary>
/// <c>console-users create|list|disable|enable|reset-password|unlock</c>: console user administration from the
/// Gateway's own binary, against its configured database, without starting the web server. A generated password
/// is written alone on standard output (so a script can capture it) and never again; <c>--password-stdin</c> reads
/// one instead, so it never shows in a process list or shell history.
/// </summary>
public sealed class ConsoleUserCommand(
    ConsoleUserStore store, ConsolePasswords passwords, SignInThrottle throttle, TextReader input, TextWriter output, TextWriter messages)
{
    public const string Verb = "console-users";

    private const string Usage = """
        usage: console-users create --name <name> --role viewer|collector|admin [--collector-id <id>] [--password-stdin]
               console-users list
               console-users disable <name>
               console-users enable <name>
               console-users reset-password <name> [--password-stdin]
               console-users unlock <name>
        """;

    public static bool Handles(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Verb;

    /// <summary>Runs the command in <paramref name="args"/> (starting with <see cref="Verb"/>); returns the process exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var rest = args.Skip(2).ToList();
        switch (args.Skip(1).FirstOrDefault())
        {
            case "create":
                return await CreateAsync(rest, cancellationToken);
            case "list" when rest.Count == 0:
                return await ListAsync(cancellationToken);
            case "disable" when rest.Count == 1:
                return await SetDisabledAsync(rest[0], disabled: true, cancellationToken);
            case "enable" when rest.Count == 1:
                return await SetDisabledAsync(rest[0], disabled: false, cancellationToken);
            case "reset-password" when rest.Count is 1 or 2 && (rest.Count == 1 || rest[1] == "--password-stdin"):
                return await ResetPasswordAsync(rest[0], fromStdin: rest.Count == 2, cancellationToken);
            case "unlock" when rest.Count == 1:
                return await UnlockAsync(rest[0], cancellationToken);
            default:
                await messages.WriteLineAsync(Usage);
                return 2;
        }
    }

    private async Task<int> CreateAsync(List<string> options, CancellationToken cancellationToken)
    {
        string? name = null, role = null, collectorId = null;
        var fromStdin = false;
        for (var index = 0; index < options.Count; index++)
        {
            var value = index + 1 < options.Count ? options[index + 1] : null;
            switch (options[index])
            {
                case "--name": name = value; index++; break;
                case "--role": role = value; index++; break;
                case "--collector-id": collectorId = value; index++; break;
                case "--password-stdin": fromStdin = true; break;
                default:
                    await messages.WriteLineAsync($"unknown option '{options[index]}'\n{Usage}");
                    return 2;
            }
        }

        var password = fromStdin ? await ReadPasswordAsync(cancellationToken) : ConsolePasswords.Generate();
        var user = new NewConsoleUser(name, password, role, collectorId);
        if (user.Validate() is { Count: > 0 } errors)
        {
            foreach (var (field, problems) in errors)
            {
                await messages.WriteLineAsync($"--{Option(field)}: {string.Join("; ", problems)}");
            }

            return 2;
        }

        var created = await store.CreateAsync(user.NormalizedName, passwords.Hash(password), user.ParsedRole, user.NormalizedCollectorId, ConsoleUserStore.AdminSource, cancellationToken);
        if (created is null)
        {
            await messages.WriteLineAsync($"There is already a console user named {user.NormalizedName}.");
            return 1;
        }

        if (fromStdin)
        {
            await messages.WriteLineAsync($"Created console user {created.Name} ({ConsoleRoles.Name(created.Role)}).");
        }
        else
        {
            await messages.WriteLineAsync($"Created console user {created.Name} ({ConsoleRoles.Name(created.Role)}). Their password is below; it is not shown again.");
            await output.WriteLineAsync(password);
        }

        return 0;
    }

    private async Task<int> ListAsync(CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("name                             role       collector            source         created               last sign-in          disabled");
        foreach (var user in await store.ListAsync(cancellationToken))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{user.Name,-32} {ConsoleRoles.Name(user.Role),-10} {user.CollectorId ?? "-",-20} {user.Source,-14} {Time(user.CreatedAt),-20}  {Time(user.LastSignInAt),-20}  {Time(user.DisabledAt)}"));
        }

        return 0;
    }

    private async Task<int> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken)
    {
        var normalized = NewConsoleUser.Normalize(name);
        if (!await store.SetDisabledAsync(normalized, disabled, cancellationToken))
        {
            return await NoSuchUserAsync(normalized);
        }

        await messages.WriteLineAsync(disabled
            ? $"Disabled console user {normalized}; their open sessions end at their next request."
            : $"Enabled console user {normalized}.");
        return 0;
    }

    private async Task<int> ResetPasswordAsync(string name, bool fromStdin, CancellationToken cancellationToken)
    {
        var normalized = NewConsoleUser.Normalize(name);
        var password = fromStdin ? await ReadPasswordAsync(cancellationToken) : ConsolePasswords.Generate();
        if (password.Length is < NewConsoleUser.MinPasswordLength or > NewConsoleUser.MaxPasswordLength)
        {
            await messages.WriteLineAsync($"the password must be {NewConsoleUser.MinPasswordLength} to {NewConsoleUser.MaxPasswordLength} characters");
            return 2;
        }

        if (!await store.SetPasswordAsync(normalized, passwords.Hash(password), cancellationToken))
        {
            return await NoSuchUserAsync(normalized);
        }

        await messages.WriteLineAsync($"New password for console user {normalized}; their open sessions end at their next request.");
        if (!fromStdin)
        {
            await output.WriteLineAsync(password);
        }

        return 0;
    }

    private async Task<int> UnlockAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = NewConsoleUser.Normalize(name);
        await messages.WriteLineAsync(await throttle.ClearUserAsync(normalized, cancellationToken)
            ? $"Cleared the failed sign-ins of {normalized}."
            : $"{normalized} had no failed sign-ins to clear.");
        return 0;
    }

    private async Task<string> ReadPasswordAsync(CancellationToken cancellationToken) =>
        (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n') ?? "";

    private async Task<int> NoSuchUserAsync(string name)
    {
        await messages.WriteLineAsync($"There is no console user named {name}.");
        return 1;
    }

    private static string Option(string field) => field == "collectorId" ? "collector-id" : field;

    private static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
