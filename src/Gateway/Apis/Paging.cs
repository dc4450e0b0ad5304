using ArScale.Gateway.Billing;

namespace ArScale.Gateway.Apis;

/// <summary>The one way every paged endpoint checks its page and page size.</summary>
public static class Paging
{
    /// <summary>
    /// The deepest row a page may start at. Beyond it a page is refused rather than computed: an offset past int's range
    /// would reach the database as garbage, and OFFSET reads and discards every row before it, so a million rows deep is
    /// already a query to narrow with filters, not to page through.
    /// </summary>
    public const long MaxOffset = 1_000_000;

    public static IResult? Problem(int page, int pageSize, int maxPageSize) =>
        page < 1 ? Problems.Invalid("page", "starts at 1")
        : pageSize < 1 || pageSize > maxPageSize ? Problems.Invalid("pageSize", $"must be 1 to {maxPageSize}")
        : (long)(page - 1) * pageSize > MaxOffset ? Problems.Invalid("page", $"at most {MaxOffset / pageSize + 1} at page size {pageSize}: narrow the query with its filters")
        : null;
}
