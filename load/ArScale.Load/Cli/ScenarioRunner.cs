using System.Globalization;
using System.Runtime.InteropServices;
using ArScale.Load.Infrastructure;
using Spectre.Console;

namespace ArScale.Load.Cli;

/// <summary>
/// Picks the scenario named by the first argument, runs it with the rest as its flags, and whatever happens
/// (figures out of bounds, a component that failed, Ctrl+C, SIGTERM) stops every process it started.
/// Exit codes: 0 figures pass, 1 they do not or the run failed, 2 wrong usage, 130 interrupted.
/// </summary>
public static class ScenarioRunner
{
    private const string Invocation = "dotnet run -c Release --project load/ArScale.Load --";

    public static async Task<int> RunAsync(IReadOnlyList<IScenario> scenarios, string[] args)
    {
        // Reports read the same on every machine: 1,234.5 whatever the locale.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args is [] or ["help" or "--help" or "-h"])
        {
            PrintHelp(scenarios);
            return args.Length == 0 ? 2 : 0;
        }

        if (scenarios.FirstOrDefault(candidate => candidate.Name == args[0]) is not { } scenario)
        {
            AnsiConsole.MarkupLine($"[red]Unknown scenario '{Markup.Escape(args[0])}'.[/]");
            PrintHelp(scenarios);
            return 2;
        }

        if (args is [_, "help" or "--help" or "-h"])
        {
            PrintHelp(scenario);
            return 0;
        }

        RunnerOptions options;
        IReadOnlyList<string> scenarioArguments;
        try
        {
            (options, scenarioArguments) = RunnerOptions.Extract(args[1..]);
        }
        catch (FlagException exception)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(exception.Message)}[/]");
            return 2;
        }

        var layout = RepositoryLayout.FromBuild() with { Results = options.ResultsDirectory };
        if (layout.Configuration != "Release" && !options.AllowDebugBuild)
        {
            AnsiConsole.MarkupLine($"[red]This is a {Markup.Escape(layout.Configuration)} build: the figures would be meaningless. Run: {Invocation} {Markup.Escape(scenario.Name)}[/]");
            return 2;
        }

        using var shutdown = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            shutdown.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            shutdown.Cancel();
        });

        await using var processes = new ServiceProcesses(layout.PidFile);
        try
        {
            processes.KillLeftovers();
            var flags = new Flags(scenarioArguments);
            var context = new ScenarioContext(layout, processes, CommandLine(args), shutdown.Token);
            return await scenario.RunAsync(flags, context);
        }
        catch (FlagException exception)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(exception.Message)}[/]");
            PrintHelp(scenario);
            return 2;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]Interrupted: stopping every process this run started.[/]");
            return 130;
        }
        catch (LoadFailedException exception)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(scenario.Name)} failed:[/] {Markup.Escape(exception.Message)}");
            return 1;
        }
        catch (Exception exception)
        {
            AnsiConsole.WriteException(exception, ExceptionFormats.ShortenEverything);
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The command as it would be typed again, for the report.</summary>
    private static string CommandLine(string[] args) =>
        Invocation + " " + string.Join(' ', args.Select(arg => arg.Any(char.IsWhiteSpace) || arg.Length == 0 ? $"'{arg}'" : arg));

    private static void PrintHelp(IReadOnlyList<IScenario> scenarios)
    {
        AnsiConsole.WriteLine($"Usage: {Invocation} <scenario> [--flag value ...]   ({Invocation} <scenario> help)");
        AnsiConsole.WriteLine();
        var table = new Table().Border(TableBorder.Simple).AddColumn("scenario").AddColumn("measures");
        foreach (var scenario in scenarios)
        {
            table.AddRow(Markup.Escape(scenario.Name), Markup.Escape(scenario.Summary));
        }

        AnsiConsole.Write(table);
    }

    private static void PrintHelp(IScenario scenario)
    {
        AnsiConsole.WriteLine($"{Invocation} {scenario.Name} [--flag value ...]");
        AnsiConsole.WriteLine(scenario.Summary);
        var table = new Table().Border(TableBorder.Simple).AddColumn("flag").AddColumn("default").AddColumn("meaning");
        foreach (var flag in scenario.Help)
        {
            table.AddRow(Markup.Escape("--" + flag.Name), Markup.Escape(flag.Default), Markup.Escape(flag.Meaning));
        }

        AnsiConsole.Write(table);
    }
}
