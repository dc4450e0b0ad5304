using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ArScale.Gateway.Security;

/// <summary>
/// One token bucket per API key: its requests per second (or the configured default) sustained, bursting to
/// <see cref="GatewaySecurityOptions.BurstSeconds"/> seconds' worth. Requests without a key are not limited here:
/// only the anonymous health endpoints get that far without one.
/// </summary>
public static partial class PerKeyRateLimits
{
    public static IServiceCollection AddPerKeyRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<GatewaySecurityOptions>>((limiter, security) =>
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PartitionOf(context, security.CurrentValue)));
        return services;
    }

    private static RateLimitPartition<string> PartitionOf(HttpContext context, GatewaySecurityOptions security)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } keyId)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var requestsPerSecond = RequestsPerSecondOf(context.User);
        var burst = requestsPerSecond * Math.Max(1, security.BurstSeconds);

        // The rate is part of the partition: a key whose rate was changed gets a new bucket once the cache lets the change through.
        return RateLimitPartition.GetTokenBucketLimiter($"{keyId}/{requestsPerSecond}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = requestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static int RequestsPerSecondOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.RequestsPerSecondClaim), CultureInfo.InvariantCulture, out var rate) && rate > 0
            ? rate
            : 1;

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var keyId = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "(none)";
        var requestsPerSecond = RequestsPerSecondOf(context.User);

        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PerKeyRateLimits)), keyId, requestsPerSecond);
        await SecurityProblems.WriteAsync(context, SecurityProblems.RateLimited(keyId, requestsPerSecond, seconds));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "API key {KeyId} is over its {RequestsPerSecond} requests per second")]
    private static partial void LogRejected(ILogger logger, string keyId, int requestsPerSecond);
}
