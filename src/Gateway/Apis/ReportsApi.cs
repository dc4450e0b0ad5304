using ArScale.Gateway.Billing;
using ArScale.Gateway.Reports;
using ArScale.Gateway.Security;

namespace ArScale.Gateway.Apis;

/// <summary>Portfolio reports, from the projections in PostgreSQL.</summary>
public static class ReportsApi
{
    private const int MaxPageSize = 500;
    private const int MaxHours = 24 * 14;

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports").RequireScope(Scopes.ReportsRead);

        reports.MapGet("/aging", async (PortfolioReports portfolio, CancellationToken cancellationToken, string groupBy = "segment") =>
                Enum.TryParse<AgingGrouping>(groupBy, ignoreCase: true, out var grouping)
                    ? Results.Json(await portfolio.AgingAsync(grouping, cancellationToken), JsonBody.Options)
                    : Problems.Invalid("groupBy", $"'{groupBy}' is not one of segment, currency, collector"))
            .WithSummary("Aging buckets by segment, currency or collector, per currency");

        reports.MapGet("/overdue", async (PortfolioReports portfolio, CancellationToken cancellationToken, string sort = "amount", string? currency = null, int page = 1, int pageSize = 50) =>
            {
                if (!Enum.TryParse<OverdueSort>(sort.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var order))
                {
                    return Problems.Invalid("sort", $"'{sort}' is not one of amount, days-past-due");
                }

                return Paging.Problem(page, pageSize, MaxPageSize) ?? Results.Json(await portfolio.OverdueAsync(order, currency, page, pageSize, cancellationToken), JsonBody.Options);
            })
            .WithSummary("Overdue accounts sorted by overdue amount or days past due, paged");

        reports.MapGet("/collectors/{collectorId}/queue", async (string collectorId, PortfolioReports portfolio, CancellationToken cancellationToken) =>
                Results.Json(await portfolio.CollectorQueueAsync(collectorId, cancellationToken), JsonBody.Options))
            .WithSummary("A collector's open tasks on still-overdue accounts, by follow-up deadline");

        reports.MapGet("/notice-outcomes", async (PortfolioReports portfolio, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null) =>
            {
                var last = to ?? DateOnly.FromDateTime(DateTime.UtcNow);
                var first = from ?? last.AddDays(-30);
                return first > last
                    ? Problems.Invalid("from", "must not be after 'to'")
                    : Results.Json(await portfolio.NoticeOutcomesAsync(first, last, cancellationToken), JsonBody.Options);
            })
            .WithSummary("Notices by day, stage, channel and status, from the notifier's log");

        reports.MapGet("/notices-per-hour", async (NoticeLogReports notices, TimeProvider time, CancellationToken cancellationToken, int hours = 24) =>
                hours is < 1 or > MaxHours
                    ? Problems.Invalid("hours", $"must be 1 to {MaxHours}")
                    : Results.Json(await notices.PerHourAsync(hours, time.GetUtcNow(), cancellationToken), JsonBody.Options))
            .WithSummary("Notices that reached their outcome per hour (UTC) and outcome, and how many are in flight now");

        reports.MapGet("/dso", async (PortfolioReports portfolio, TimeProvider time, CancellationToken cancellationToken, int days = 90) =>
                days is < 1 or > 366
                    ? Problems.Invalid("days", "must be 1 to 366")
                    : Results.Json(await portfolio.DsoAsync(days, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken), JsonBody.Options))
            .WithSummary("Days sales outstanding per currency");

        return api;
    }
}
