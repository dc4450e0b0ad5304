using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace ArScale.Notifier.Channels;

/// <summary>
/// Messages per second per channel, so a storm never exceeds what the provider's contract allows
/// (<c>ArScale:Notifier:RateLimits:&lt;channel&gt;</c>; absent or 0 means unlimited). The limit is per Notifier process.
/// </summary>
public sealed class ChannelRateLimits : IDisposable
{
    private readonly Dictionary<string, TokenBucketRateLimiter> limiters = new(StringComparer.Ordinal);

    public ChannelRateLimits(IConfiguration configuration)
    {
        foreach (var setting in configuration.GetSection("ArScale:Notifier:RateLimits").GetChildren())
        {
            var perSecond = setting.Get<int>();
            if (perSecond > 0)
            {
                limiters[setting.Key] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = int.MaxValue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                });
            }
        }
    }

    public async ValueTask WaitAsync(string channel, CancellationToken cancellationToken)
    {
        if (limiters.TryGetValue(channel, out var limiter))
        {
            using var lease = await limiter.AcquireAsync(1, cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
