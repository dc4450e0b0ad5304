using System.Security.Claims;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Notices;
using ArScale.Gateway.Reports;
using ArScale.Gateway.Security;

namespace ArScale.Gateway.Apis;

/// <summary>The notice log: every notice the notifiers claimed, with its outcome, filtered and paged; a Failed notice re-opened.</summary>
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

        // Idempotent by the notice id: a second request finds the notice no longer Failed and changes nothing.
        api.MapPost("/notices/{noticeId}/reopen", ReopenAsync)
            .WithTags("Notices")
            .WithSummary("Re-opens a Failed notice: retried at once from its stored message, with a new retry deadline")
            .RequireScope(Scopes.CollectionsWrite);

        return api;
    }

    private static async Task<IResult> ReopenAsync(string noticeId, FailedNotices notices, ClaimsPrincipal user, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var result = await notices.ReopenAsync(noticeId, Callers.NameOf(user), cancellationToken);
        switch (result.Status)
        {
            case ReopenStatus.Reopened:
                loggers.CreateLogger(typeof(NoticesApi)).LogInformation("Notice {NoticeId} re-opened by {Caller}", noticeId, Callers.NameOf(user));
                return TypedResults.Accepted((string?)null, new { noticeId, status = "Retrying" });
            case ReopenStatus.Unknown:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The notice is unknown.",
                    detail: "noticeId: no notice with this id was logged", type: "https://arscale.example/problems/unknown-notice");
            case ReopenStatus.NotFailed:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a Failed notice can be re-opened.",
                    detail: $"noticeId: the notice is {result.PreviousStatus}", type: "https://arscale.example/problems/notice-not-failed");
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The notice cannot be sent again.",
                    detail: "noticeId: it was refused as malformed and no copy of its message was kept; it would fail the same way",
                    type: "https://arscale.example/problems/notice-not-resendable");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
