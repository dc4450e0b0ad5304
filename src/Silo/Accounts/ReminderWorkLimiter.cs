using Microsoft.Extensions.Options;

namespace ArScale.Silo.Accounts;

/// <summary>Bounds how many account grains of this silo do reminder work at once (see <see cref="DunningOptions.MaxConcurrentReminderWork"/>).</summary>
public sealed class ReminderWorkLimiter(IOptions<DunningOptions> options) : IDisposable
{
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentReminderWork, options.Value.MaxConcurrentReminderWork);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        return new Slot(slots);
    }

    public void Dispose() => slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
