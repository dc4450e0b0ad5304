using ArScale.Gateway.Billing;
using ArScale.Gateway.Reports;
using ArScale.Gateway.Security;
using ArScale.Gateway.SystemStatus;

namespace ArScale.Gateway.Apis;

/// <summary>The running system: silos and their activations and outboxes, the broker's queues, the notifiers' throughput.</summary>
public static class SystemApi
{
    public static RouteGroupBuilder MapSystemApi(this RouteGroupBuilder api)
    {
        var system = api.MapGroup("/system").WithTags("System").RequireScope(Scopes.ReportsRead);

        system.MapGet("/silos", async (ClusterStatus cluster, CancellationToken cancellationToken) =>
                Results.Json(await cluster.ReadAsync(cancellationToken), JsonBody.Options))
            .WithSummary("Active silos with activations, CPU and memory (Orleans management grain) and outbox depth (each silo's own report)");

        system.MapGet("/queues", async (RabbitMqQueues queues, CancellationToken cancellationToken) =>
                Results.Json(await queues.ReadAsync(cancellationToken), JsonBody.Options))
            .WithSummary("Queue depths, consumers and message rates from RabbitMQ's management API");

        system.MapGet("/notifier", async (NoticeLogReports notices, CancellationToken cancellationToken) =>
                Results.Json(await notices.LastMinuteAsync(cancellationToken), JsonBody.Options))
            .WithSummary("Notices the notifiers finished in the last minute, by outcome");

        return api;
    }
}
