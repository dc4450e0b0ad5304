namespace ArScale.Integration.Tests.Startup;

/// <summary>
/// The run command with two silos, one notifier and a small demo portfolio, started once for the tests of
/// <see cref="RunCommandTests"/>: up and seeded before the first test runs.
/// </summary>
public sealed class RunningSystem : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    public AppHostRun Run { get; private set; } = null!;

    public TimeSpan StartedIn { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Run = AppHostRun.Start("--silos", "2", "--notifiers", "1", "--demo-accounts", "150");
        await Run.WaitForLineAsync("^ArScale is running", StartTimeout);
        StartedIn = clock.Elapsed;
        await Run.WaitForLineAsync(@"^\[apphost\] demo: finished", TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync() => await Run.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RunCommandCollection
{
    /// <summary>Each run starts its own PostgreSQL, RabbitMQ and services: one at a time, on two cores.</summary>
    public const string Name = "run command";
}
