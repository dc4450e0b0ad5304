using System.Diagnostics;
using System.Globalization;
using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Load.Infrastructure;
using ArScale.Load.Infrastructure.Sinks;
using ArScale.Load.Scenarios.Notifier;
using ArScale.Load.Scenarios.Storm;
using Spectre.Console;
using static ArScale.Load.Infrastructure.RunProgress;
using static System.FormattableString;

namespace ArScale.Load.Scenarios.Scale;

/// <summary>
/// Many accounts, each with an open invoice and so a pending reminder, on one silo: created through the account
/// grains (the write the Gateway makes: a profile and an invoice, stored in one grain write), the silo's resident
/// memory followed throughout; then the silo left alone until the accounts have left memory, and watched at rest
/// while its reminder service refreshes its list of every pending reminder; then the PostgreSQL footprint; last, a
/// storm on a slice of the accounts (<see cref="ScaleSlice"/>): their notices fall due at one instant and are
/// delivered end to end by the Notifiers, as in <c>storm</c>.
/// </summary>
public sealed class ScaleRun(ScaleSettings settings, LoadInfra infra, ServiceProcesses processes, string runId)
{
    public async Task<ScaleRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var slice = ScaleSlice.Of(runId, settings.Accounts, settings.Slice.Accounts);
        // Open from the start: the Notifiers are told their SMTP server when they start.
        await using var sink = settings.HasSlice
            ? await Step("sink", settings.Slice.Sink.Name(), () => SinkKinds.OpenAsync(settings.Slice.Sink, infra, processes, infra.Layout.RawDirectory(runId), cancellationToken))
            : null;
        try
        {
            return await RunAsync(sink, slice, cancellationToken);
        }
        finally
        {
            if (sink is not null && !settings.KeepData)
            {
                await sink.DiscardAsync(receipt => slice.Owns(sink, receipt), CancellationToken.None);
            }
        }
    }

    private async Task<ScaleRunResult> RunAsync(IMailSink? sink, StormAccounts slice, CancellationToken cancellationToken)
    {
        await using var system = await RunSystem.CreateAsync(infra, processes, runId, settings.KeepData, cancellationToken, sink?.Smtp);
        var siloSettings = new Dictionary<string, string>(settings.Slice.SiloEnvironment(), StringComparer.Ordinal)
        {
            ["ArScale__Dunning__IdleDeactivation"] = settings.IdleDeactivation.ToString("c", CultureInfo.InvariantCulture),
            ["ArScale__Reminders__RefreshReminderListPeriod"] = settings.RefreshPeriod.ToString("c", CultureInfo.InvariantCulture),
        };
        var silo = await system.StartAsync("silo", $"healthy (WakeUpSpread {settings.Slice.SpreadLabel})", services => services.StartSiloAsync("silo-1", siloSettings, cancellationToken));
        // The Gateway projects every account's change into account_summary / account_balance, as in production.
        await system.StartAsync("gateway", "healthy (projections running)", services => services.StartGatewayAsync("gateway", ApiKeys.NewKey(), cancellationToken));
        if (settings.HasSlice)
        {
            // Idle until the storm at the end: they consume nothing else.
            await system.StartAllAsync("notifiers", Invariant($"{settings.Slice.Notifiers} healthy"),
                services => services.StartNotifiersAsync(settings.Slice.Notifiers, "notifier", settings.Slice.NotifierEnvironment(), cancellationToken));
        }

        await using var client = await Step("load client", "Orleans client connected", () => LoadClient.StartAsync(system.Settings, cancellationToken));

        await QuietMachine.WaitAsync(settings.QuietWait, cancellationToken);
        var memory = new List<MemorySample>();
        var created = 0;
        var clock = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(silo.Id, memory, () => Volatile.Read(ref created), clock, sampling.Token);
        var creation = await Timed(() => WithProgress(
            Invariant($"Creating {settings.Accounts:N0} accounts, each with an invoice due in 30 days ({settings.Parallelism} in flight)"), settings.Accounts,
            tick => CreateAsync(client.Grains, () => { Interlocked.Increment(ref created); tick(); }, cancellationToken)));
        var residentAfterCreation = ProcessMemory.ResidentBytes(silo.Id) ?? 0;

        var (restCpuSeconds, restWallSeconds, residentAtRest) = settings.RestWindow > TimeSpan.Zero
            ? await WatchAtRestAsync(silo, memory, clock, cancellationToken)
            : (0, 0, (long?)null);
        await sampling.CancelAsync();
        await sampler;

        var sizes = await Step("PostgreSQL sizes", "measured", () => StorageSizes.MeasureAsync(system.Database.ConnectionString, cancellationToken));
        var rangeRead = await Step("reminder range read", "timed (the refresh's statement, whole ring)", () => ReminderRangeRead.MeasureAsync(system.Database.ConnectionString, system.Settings.ClusterId, 5, cancellationToken));
        var storm = sink is null ? null : await StormOnSliceAsync(system, sink, client.Grains, slice, cancellationToken);
        return new ScaleRunResult(
            settings, creation.Elapsed.TotalSeconds, settings.Accounts / creation.Elapsed.TotalSeconds, residentAfterCreation, residentAtRest,
            memory, restCpuSeconds, restWallSeconds, sizes, rangeRead, storm);
    }

    /// <summary>
    /// The storm on the slice, exactly as <c>storm</c> makes one: after the sizes were read, so they are the held
    /// accounts' alone. Accounts still in memory (the rest window skipped) are deactivated first, as a night would
    /// have; the storm's own deactivation then has the slice to do and no more, which is what its lead allows for.
    /// </summary>
    private async Task<ScaleSliceResult> StormOnSliceAsync(RunSystem system, IMailSink sink, IGrainFactory grains, StormAccounts slice, CancellationToken cancellationToken)
    {
        AnsiConsole.Write(new Rule(Invariant($"[bold]Storm on a slice[/]: {slice.Count:N0} of the {settings.Accounts:N0} accounts")).LeftJustified());
        await QuietMachine.WaitAsync(settings.QuietWait, cancellationToken);
        var clock = Stopwatch.StartNew();
        var inMemory = await AnsiConsole.Status().StartAsync("Deactivating the accounts still in memory...", status =>
            StormAccounts.DeactivateAllAsync(grains, active => status.Status(Invariant($"Deactivating the accounts still in memory: {active:N0} active...")), TimeSpan.FromMinutes(30), cancellationToken));
        var deactivate = clock.Elapsed;
        AnsiConsole.MarkupLine(Invariant($"  [green]✓[/] held accounts: {inMemory:N0} still in memory, deactivated [grey]({deactivate.TotalSeconds:0.0} s)[/]"));
        var storm = await new StormOnAccounts(settings.Slice, infra, system, sink, grains).RunAsync(
            Invariant($"{ArScaleStorm.System}, slice of {settings.Accounts:N0}"), runId, slice,
            Invariant($"Setting up {slice.Count:N0} of the {settings.Accounts:N0} accounts"), TimeSpan.Zero, cancellationToken);
        return new ScaleSliceResult(inMemory, deactivate.TotalSeconds, storm);
    }

    /// <summary>
    /// Waits until every account's idle time has run out (Orleans collects once a minute), then watches the silo for
    /// the rest window: the highest resident memory in it, and the CPU it spent (its reminder refreshes among the rest).
    /// </summary>
    private async Task<(double CpuSeconds, double WallSeconds, long? Resident)> WatchAtRestAsync(ServiceProcess silo, List<MemorySample> memory, Stopwatch clock, CancellationToken cancellationToken)
    {
        var settle = settings.IdleDeactivation + TimeSpan.FromMinutes(1.5);
        await Step("at rest", Invariant($"waited {settle.TotalMinutes:0.#} min for the accounts to leave memory"), () => Task.Delay(settle, cancellationToken).ContinueWith(_ => true, TaskScheduler.Default));
        var siloCpu = new[] { new CpuComponent("silo", silo.Id) };
        var restStart = CpuSnapshot.Take(siloCpu);
        var restStartedAt = clock.Elapsed;
        await Step("rest window", Invariant($"silo watched for {settings.RestWindow.TotalSeconds:0} s ({settings.RestWindow / settings.RefreshPeriod:0.#} reminder refreshes)"), () => Task.Delay(settings.RestWindow, cancellationToken).ContinueWith(_ => true, TaskScheduler.Default));
        var rest = CpuUsage.Between(restStart, CpuSnapshot.Take(siloCpu));
        List<long> atRest;
        lock (memory)
        {
            atRest = [.. memory.Where(sample => sample.Elapsed >= restStartedAt).Select(sample => sample.ResidentBytes)];
        }

        return (rest.Components[0].CpuSeconds, rest.WallSeconds, atRest.Count > 0 ? atRest.Max() : ProcessMemory.ResidentBytes(silo.Id));
    }

    private async Task CreateAsync(IGrainFactory grains, Action done, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Accounts), options, async (index, _) =>
        {
            var accountId = ScaleSlice.AccountId(runId, index);
            var profile = new AccountProfile(
                string.Create(CultureInfo.InvariantCulture, $"Customer {index}"),
                [new Contact(ContactKind.Email, string.Create(CultureInfo.InvariantCulture, $"customer{index}@scale.example.test"))],
                "en", "Europe/Berlin", Segment.Standard, null, PaymentTerms.NetDaysFromIssue(30));
            var results = await grains.GetGrain<IAccountGrain>(accountId).ExecuteMany(
            [
                new UpsertProfile($"{accountId}:profile", profile),
                new IssueInvoice($"{accountId}:invoice-1", "inv-1", new Money(100m + (index % 900), "EUR"), today, today.AddDays(30)),
            ]);
            if (results.FirstOrDefault(result => result is not (CommandResult.Accepted or CommandResult.Duplicate)) is { } refused)
            {
                throw new LoadFailedException($"account {accountId} refused a command: {refused}");
            }

            done();
        });
    }

    private static async Task SampleAsync(int pid, List<MemorySample> samples, Func<int> created, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                if (ProcessMemory.ResidentBytes(pid) is { } resident)
                {
                    lock (samples)
                    {
                        samples.Add(new MemorySample(clock.Elapsed, created(), resident));
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}

public sealed record MemorySample(TimeSpan Elapsed, int AccountsCreated, long ResidentBytes);
