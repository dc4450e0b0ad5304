using ArScale.Gateway.Billing;

namespace ArScale.Gateway.Apis;

/// <summary>The one way every paged endpoint checks its page and page size.</summary>
public static class Paging
{
    public static IResult? Problem(int page, int pageSize, int maxPageSize) =>
        page < 1 ? Problems.Invalid("page", "starts at 1")
        : pageSize < 1 || pageSize > maxPageSize ? Problems.Invalid("pageSize", $"must be 1 to {maxPageSize}")
        : null;
}
