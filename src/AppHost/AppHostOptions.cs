using System.Globalization;
using ArScale.AppHost.Model;

namespace ArScale.AppHost;

/// <summary>The run command's options: <c>dotnet run --project src/AppHost -- [--silos N] [--notifiers N] [--demo]</c>.</summary>
public sealed record AppHostOptions(int Silos = 2, int Notifiers = 1, bool Demo = false, int DemoAccounts = AppHostOptions.DefaultDemoAccounts, bool Help = false)
{
    public const int DefaultDemoAccounts = 3000;
    public const int MaxDemoAccounts = 200_000;

    public static string Usage { get; } = $"""
        Starts ArScale on this machine: PostgreSQL, RabbitMQ and a mail sink (scripts/infra.sh, profile dev),
        the migrations, the silos, the Gateway and the notifiers. Ctrl+C stops everything it started.

        Usage: dotnet run --project src/AppHost -- [options]

          --silos N           silos in the Orleans cluster, 1-{ServicePorts.MaxReplicas} (default 2)
          --notifiers N       Notifier processes, competing consumers of the notice queues, 1-{ServicePorts.MaxReplicas} (default 1)
          --demo              once everything runs, seed a demo portfolio through the public API: notices go out
                              within a minute and land in the mail viewer
          --demo-accounts N   accounts in the demo portfolio (default {DefaultDemoAccounts})
          -h, --help          this text

        Environment: ARSCALE_HTTP_PORT_BASE (5100), ARSCALE_ORLEANS_PORT_BASE (11111), ARSCALE_INFRA_DIR, and the
        ARSCALE_*_PORT variables of scripts/infra.sh; OTEL_EXPORTER_OTLP_ENDPOINT is handed to every service.
        """;

    /// <summary>The options, or the problem with the arguments (naming the argument) for the usage error.</summary>
    public static (AppHostOptions? Options, string? Problem) Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var options = new AppHostOptions();
        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            switch (argument)
            {
                case "-h" or "--help":
                    options = options with { Help = true };
                    break;
                case "--demo":
                    options = options with { Demo = true };
                    break;
                case "--silos" or "--notifiers" or "--demo-accounts":
                    var max = argument == "--demo-accounts" ? MaxDemoAccounts : ServicePorts.MaxReplicas;
                    if (index + 1 >= arguments.Count
                        || !int.TryParse(arguments[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                        || count < 1 || count > max)
                    {
                        return (null, $"{argument} needs a whole number from 1 to {max}");
                    }

                    index++;
                    options = argument switch
                    {
                        "--silos" => options with { Silos = count },
                        "--notifiers" => options with { Notifiers = count },
                        _ => options with { DemoAccounts = count, Demo = true },
                    };
                    break;
                default:
                    return (null, $"unknown argument '{argument}'");
            }
        }

        return (options, null);
    }
}
