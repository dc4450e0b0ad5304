using ArScale.AppHost.Model;
using ArScale.AppHost.Terminal;

namespace ArScale.AppHost.Orchestration;

/// <summary>
/// Runs the declared resources: each starts as soon as everything it waits for is running (or finished), so
/// independent ones start together; the system is running when every resource but the background ones is.
/// It then keeps them running (<see cref="ServiceReplica"/> restarts crashed ones) until shutdown is asked
/// for, and stops them in reverse: a resource stops only after every resource that waits for it.
/// </summary>
public sealed class DistributedApplication(
    IReadOnlyList<Resource> resources, RepositoryLayout layout, string profile, TerminalOutput output, Func<IEnumerable<string>> whereToLook)
{
    public const string RunningLine = "ArScale is running. Press Ctrl+C to stop everything.";

    public async Task<int> RunAsync(CancellationToken shutdown)
    {
        var stateDirectory = layout.StateDirectory(profile);
        using var instance = new SingleInstance(Path.Combine(stateDirectory, "apphost.lock"));
        var strays = new StrayProcesses(Path.Combine(stateDirectory, "apphost.pids"));
        output.Start([.. resources.SelectMany(resource => resource.Statuses)]);
        try
        {
            // Only with the lock held may leftovers be killed: they could be the services of a running AppHost.
            instance.Acquire();
            strays.KillLeftovers(pid => output.Notice($"Stopping a service left over from an earlier run (pid {pid})."));
            return await RunHeldAsync(new ResourceContext(layout, stateDirectory, output, pid => strays.Record(pid)), shutdown);
        }
        catch (StartupFailedException failure) when (!instance.Held)
        {
            output.Notice($"ArScale did not start. {failure.Message}");
            return 1;
        }
        finally
        {
            if (instance.Held)
            {
                strays.Clear();
            }

            await output.DisposeAsync();
        }
    }

    private async Task<int> RunHeldAsync(ResourceContext context, CancellationToken shutdown)
    {
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var starts = StartAll(context, starting.Token);
        try
        {
            await FirstFailureOrAll([.. resources.Where(resource => !resource.IsBackground).Select(resource => starts[resource])]);
            output.Block(["", .. whereToLook(), "", RunningLine, ""]);
            await Task.Delay(Timeout.Infinite, shutdown);
            return 0;
        }
        catch (StartupFailedException failure)
        {
            await starting.CancelAsync();
            output.Notice($"ArScale did not start. {failure.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            output.Notice("Stopping ArScale...");
            return resources.All(resource => resource.IsBackground || starts[resource].IsCompletedSuccessfully) ? 0 : 130;
        }
        finally
        {
            await StopAllAsync(starts);
        }
    }

    private Dictionary<Resource, Task> StartAll(ResourceContext context, CancellationToken cancellationToken)
    {
        var starts = new Dictionary<Resource, Task>();
        foreach (var resource in resources)
        {
            var dependencies = resource.Dependencies.Select(dependency => starts.TryGetValue(dependency, out var start)
                ? start
                : throw new InvalidOperationException($"{resource.Name} waits for {dependency.Name}, which is not declared before it.")).ToList();
            starts[resource] = StartAfterAsync(resource, dependencies, context, cancellationToken);
        }

        return starts;
    }

    private async Task StartAfterAsync(Resource resource, List<Task> dependencies, ResourceContext context, CancellationToken cancellationToken)
    {
        await Task.WhenAll(dependencies);
        cancellationToken.ThrowIfCancellationRequested();
        if (!resource.IsBackground)
        {
            await resource.StartAsync(context, cancellationToken);
            return;
        }

        try
        {
            await resource.StartAsync(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A background resource reports its own failure in its row; the system keeps running without it.
            output.Notice($"{resource.Name} failed: {exception.Message}");
        }
    }

    /// <summary>Returns when every task has completed; throws the first failure as soon as it happens.</summary>
    private static async Task FirstFailureOrAll(List<Task> tasks)
    {
        var pending = new List<Task>(tasks);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            await done;
        }
    }

    /// <summary>Deepest first: the demo and the services that wait for others, then the silos, the migrations, the infrastructure.</summary>
    private async Task StopAllAsync(Dictionary<Resource, Task> starts)
    {
        // A start still running (cancelled) must finish unwinding before its resource is stopped.
        await Task.WhenAll(starts.Values.Select(start => start.ContinueWith(_ => { }, TaskScheduler.Default)));
        foreach (var level in StopLevels())
        {
            await Task.WhenAll(level.Select(resource => resource.StopAsync()));
        }
    }

    public IEnumerable<IReadOnlyList<Resource>> StopLevels()
    {
        var depth = new Dictionary<Resource, int>();
        foreach (var resource in resources)
        {
            depth[resource] = resource.Dependencies.Select(dependency => depth[dependency] + 1).DefaultIfEmpty(0).Max();
        }

        return resources.GroupBy(resource => depth[resource]).OrderByDescending(level => level.Key).Select(level => (IReadOnlyList<Resource>)[.. level]);
    }
}
