using ArScale.Gateway.OperationsConsole.SignIn;
using ArScale.Gateway.OperationsConsole.Users;
using Microsoft.Extensions.DependencyInjection;

namespace ArScale.Integration.Tests.Console;

/// <summary>Runs <c>console-users …</c> as the Gateway binary does, against a test system's database, capturing what it writes.</summary>
public static class ConsoleUserCommands
{
    public static async Task<(int ExitCode, string Output, string Messages)> RunAsync(ConsoleSystem system, string[] args, string stdin = "")
    {
        var services = system.Gateway.Services;
        using var output = new StringWriter();
        using var messages = new StringWriter();
        var command = new ConsoleUserCommand(
            services.GetRequiredService<ConsoleUserStore>(), services.GetRequiredService<ConsolePasswords>(), services.GetRequiredService<SignInThrottle>(),
            new StringReader(stdin), output, messages);
        var exitCode = await command.RunAsync(args, CancellationToken.None);
        return (exitCode, output.ToString(), messages.ToString());
    }
}
