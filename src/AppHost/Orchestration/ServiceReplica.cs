using System.Diagnostics;
using ArScale.AppHost.Model;

namespace ArScale.AppHost.Orchestration;

/// <summary>
/// One replica of a project: started, waited for until <c>/health</c> answers 200 (or, for a one-off, until it
/// exits 0), then watched. A replica that exits on its own is started again after a <see cref="RestartBackoff"/>
/// delay, and the terminal says so; only <see cref="StopAsync"/> ends it for good.
/// </summary>
public sealed class ServiceReplica(string name, string assembly, string workingDirectory, int? httpPort, bool runsToCompletion)
{
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    private readonly CancellationTokenSource stopping = new();
    private readonly RestartBackoff backoff = new();
    private ServiceProcess? current;
    private ServiceLog? log;
    private Task supervision = Task.CompletedTask;

    public ResourceStatus Status { get; } = new(name);

    public string? BaseUrl => httpPort is { } port ? $"http://127.0.0.1:{port}" : null;

    /// <summary>Starts the replica and returns once it is healthy (or finished); a failure here stops the whole start.</summary>
    public async Task StartAsync(ResourceContext context, IReadOnlyDictionary<string, string> environment, Action<int> started, CancellationToken cancellationToken)
    {
        if (!File.Exists(assembly))
        {
            throw new StartupFailedException(name, $"{assembly} is missing; build first (dotnet build ArScale.sln).");
        }

        log = new ServiceLog(name, context.LogFile(name), context.Output);
        Status.Set(ResourceState.Starting);
        var process = Launch(environment);
        started(process.ProcessId);
        if (runsToCompletion)
        {
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                Status.Set(ResourceState.Failed, $"exit {process.ExitCode}");
                throw new StartupFailedException(name, $"exited with code {process.ExitCode}. Last lines:\n{process.RecentOutput()}\n(log: {log.File})");
            }

            Status.Set(ResourceState.Finished, $"{process.Uptime.TotalSeconds:0.0} s");
            return;
        }

        try
        {
            await WaitUntilHealthyAsync(process, cancellationToken);
        }
        catch (StartupFailedException)
        {
            Status.Set(ResourceState.Failed, process.HasExited ? $"exit {process.ExitCode}" : "not healthy");
            throw;
        }

        Status.Set(ResourceState.Running);
        supervision = SuperviseAsync(context, environment, started);
    }

    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await supervision;
        if (current is { } process && !process.HasExited)
        {
            Status.Set(ResourceState.Stopping);
            await process.StopAsync(StopGrace, message => log?.Line($"[apphost] {message}"));
        }

        if (Status.State is not (ResourceState.Waiting or ResourceState.Finished or ResourceState.Failed))
        {
            Status.Set(ResourceState.Stopped, current is { HasExited: true } stopped ? $"exit {stopped.ExitCode}" : null);
        }

        // The process has exited and its output is drained: nothing writes to the log any more.
        log?.Dispose();
    }

    private ServiceProcess Launch(IReadOnlyDictionary<string, string> environment)
    {
        var previous = current;
        current = ServiceProcess.Start(assembly, workingDirectory, environment, line => log!.Line(line));
        previous?.Dispose();
        log!.Started(current.ProcessId);
        Status.Process(current.ProcessId, BaseUrl);
        return current;
    }

    private async Task SuperviseAsync(ResourceContext context, IReadOnlyDictionary<string, string> environment, Action<int> started)
    {
        var token = stopping.Token;
        try
        {
            while (true)
            {
                var process = current!;
                await process.WaitForExitAsync(token);
                var delay = backoff.After(process.Uptime);
                Status.Restarted();
                Status.Set(ResourceState.Restarting, $"exit {process.ExitCode}");
                context.Output.Notice(
                    $"{name} (pid {process.ProcessId}) exited with code {process.ExitCode} after {Describe(process.Uptime)}; restarting in {Describe(delay)} (restart {Status.Restarts}, log {log!.File})");
                await Task.Delay(delay, token);

                var next = Launch(environment);
                started(next.ProcessId);
                Status.Set(ResourceState.Starting);
                try
                {
                    await WaitUntilHealthyAsync(next, token);
                    Status.Set(ResourceState.Running);
                    context.Output.Notice($"{name} restarted and healthy (pid {next.ProcessId})");
                }
                catch (StartupFailedException failure)
                {
                    // Not healthy in time: end this run so the loop starts another after a longer backoff.
                    context.Output.Notice($"{name} restart failed: {failure.Message.Split('\n')[0]}");
                    next.Kill();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: StopAsync takes it from here.
        }
    }

    private async Task WaitUntilHealthyAsync(ServiceProcess process, CancellationToken cancellationToken)
    {
        if (BaseUrl is null)
        {
            // Nothing to ask: running is all a replica without an HTTP endpoint can show.
            return;
        }

        var healthUrl = $"{BaseUrl}/health";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < HealthTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new StartupFailedException(name, $"exited with code {process.ExitCode} before it was healthy. Last lines:\n{process.RecentOutput()}\n(log: {log!.File})");
            }

            try
            {
                using var response = await Http.GetAsync(healthUrl, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A health check slower than the client timeout: ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        }

        throw new StartupFailedException(name, $"not healthy at {healthUrl} after {HealthTimeout.TotalSeconds:0} s. Last lines:\n{process.RecentOutput()}\n(log: {log!.File})");
    }

    private static string Describe(TimeSpan span) => span < TimeSpan.FromMinutes(2) ? $"{span.TotalSeconds:0} s" : $"{span.TotalMinutes:0} min";
}
