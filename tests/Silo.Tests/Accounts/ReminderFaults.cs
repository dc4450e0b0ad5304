using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace ArScale.Silo.Tests.Accounts;

/// <summary>Reminder table writes a test refuses, one account at a time, so that no other test's grain meets them.</summary>
public sealed class ReminderFaults
{
    private readonly ConcurrentDictionary<string, bool> refused = new(StringComparer.Ordinal);

    public void Refuse(string accountId) => refused[accountId] = true;

    public void Accept(string accountId) => refused.TryRemove(accountId, out _);

    internal bool Refuses(GrainId grainId) => refused.ContainsKey(grainId.Key.ToString()!);

    /// <summary>Puts <see cref="FaultyReminderTable"/> in front of the reminder table the silo has registered.</summary>
    internal static void Decorate(IServiceCollection services, ReminderFaults faults)
    {
        var registered = services.Last(service => service.ServiceType == typeof(IReminderTable));
        services.Remove(registered);
        services.AddSingleton<IReminderTable>(provider => new FaultyReminderTable(
            (IReminderTable)(registered.ImplementationFactory?.Invoke(provider)
                ?? registered.ImplementationInstance
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)),
            faults));
    }
}

/// <summary>The reminder table, refusing to register or remove a reminder of an account <see cref="ReminderFaults"/> names.</summary>
public sealed class FaultyReminderTable(IReminderTable inner, ReminderFaults faults) : IReminderTable
{
    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return faults.Refuses(entry.GrainId) ? throw new InvalidOperationException("reminder table unreachable (test)") : inner.UpsertRow(entry);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        faults.Refuses(grainId) ? throw new InvalidOperationException("reminder table unreachable (test)") : inner.RemoveRow(grainId, reminderName, eTag);

    public Task TestOnlyClearTable() => inner.TestOnlyClearTable();
}
