using ArScale.Gateway.OperationsConsole.SignIn;
using ArScale.Gateway.OperationsConsole.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace ArScale.Gateway.OperationsConsole;

/// <summary>The operations console: its users, sign-in, sessions' key ring, pages and the <c>console-users</c> command.</summary>
public static class ConsoleSetup
{
    public static WebApplicationBuilder AddOperationsConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        services.AddSingleton<ConsoleUserStore>();
        services.AddSingleton<ConsolePasswords>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<ConsoleSignIn>();
        services.AddHostedService<BootstrapConsoleUsers>();

        services.AddDataProtection().SetApplicationName("ArScale.Gateway");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((keys, database) => keys.XmlRepository = new DataProtectionKeyStore(database));
        return builder;
    }

    /// <summary>The pages and the session endpoints; the static files are served earlier, by <see cref="ConsolePages.UseConsoleAssets"/>.</summary>
    public static IEndpointRouteBuilder MapOperationsConsole(this IEndpointRouteBuilder app) =>
        app.MapConsolePages().MapConsoleSessionApi();

    /// <summary>
    /// Runs <c>console-users …</c> from the command line instead of the web server. True when the arguments were
    /// such a command (the process exit code is set); false when the Gateway should start as usual.
    /// </summary>
    public static async Task<bool> RunConsoleUserCommandAsync(this WebApplication app, string[] args)
    {
        if (!ConsoleUserCommand.Handles(args))
        {
            return false;
        }

        var services = app.Services;
        var command = new ConsoleUserCommand(
            services.GetRequiredService<ConsoleUserStore>(), services.GetRequiredService<ConsolePasswords>(), services.GetRequiredService<SignInThrottle>(),
            System.Console.In, System.Console.Out, System.Console.Error);
        Environment.ExitCode = await command.RunAsync(args, app.Lifetime.ApplicationStopping);
        return true;
    }
}
