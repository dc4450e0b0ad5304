using ArScale.Gateway.Billing;
using ArScale.Gateway.Reports;
using ArScale.Gateway.Security;

namespace ArScale.Gateway.Apis;

/// <summary>The notice log: every notice the notifiers claimed, with its outcome, filtered and paged.</summary>
public static class NoticesApi
{
    private const int MaxPageSize = 200;

    public static RouteGroupBuilder MapNoticesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/notices", async (NoticeLogReports log, CancellationToken cancellationToken,
                string? accountId = null, string? status = null, string? channel = null, string? stage = null, string? kind = null,
                DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = 50) =>
            {
                if (status is not null && !NoticeLogReports.Statuses.Contains(status, StringComparer.Ordinal))
                {
                    return Problems.Invalid("status", $"'{status}' is not one of {string.Join(", ", NoticeLogReports.Statuses)}");
                }

                if (kind is not null && !NoticeLogReports.Kinds.Contains(kind, StringComparer.Ordinal))
                {
                    return Problems.Invalid("kind", $"'{kind}' is not one of {string.Join(", ", NoticeLogReports.Kinds)}");
                }

                if (from > to)
                {
                    return Problems.Invalid("from", "must not be after 'to'");
                }

                var filter = new NoticeLogFilter(Blank(accountId), status, Blank(channel), Blank(stage), kind, from, to);
                return Paging.Problem(page, pageSize, MaxPageSize) ?? Results.Json(await log.ListAsync(filter, page, pageSize, cancellationToken), JsonBody.Options);
            })
            .WithTags("Notices")
            .WithSummary("The notice log, newest first, by account, status, channel, stage, kind and time emitted; recipients masked")
            .RequireScope(Scopes.ReportsRead);

        return api;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
