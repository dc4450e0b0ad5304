using ArScale.Silo.Accounts;
using Microsoft.Extensions.Options;

namespace ArScale.Silo.Hosting;

/// <summary>The turns <see cref="GatedGrainStorage"/> hands out (<see cref="DunningOptions.MaxConcurrentStorageOperations"/>).</summary>
public sealed class StorageGate(IOptions<DunningOptions> options) : IDisposable
{
    private readonly SemaphoreSlim turns = new(options.Value.MaxConcurrentStorageOperations, options.Value.MaxConcurrentStorageOperations);

    public async ValueTask<Turn> EnterAsync()
    {
        await turns.WaitAsync();
        return new Turn(turns);
    }

    public void Dispose() => turns.Dispose();

    public readonly struct Turn(SemaphoreSlim turns) : IDisposable
    {
        public void Dispose() => turns.Release();
    }
}
