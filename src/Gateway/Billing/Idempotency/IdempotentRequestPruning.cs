using Microsoft.Extensions.Options;

namespace ArScale.Gateway.Billing.Idempotency;

/// <summary>Deletes <c>Idempotency-Key</c>s past their retention, every <see cref="IdempotencyOptions.PruneInterval"/>, on each Gateway (the delete is harmless twice).</summary>
public sealed class IdempotentRequestPruning(IdempotentRequests requests, IOptions<IdempotencyOptions> options, ILogger<IdempotentRequestPruning> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval);
        do
        {
            try
            {
                if (await requests.PruneAsync(stoppingToken) is > 0 and var pruned)
                {
                    logger.LogInformation("Pruned {Count} idempotency keys older than {Retention}", pruned, options.Value.Retention);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be away; the next tick tries again, and nothing depends on a key being gone on time.
                logger.LogWarning(exception, "Pruning idempotency keys failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
