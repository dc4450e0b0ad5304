using ArScale.Dunning.Identifiers;

namespace ArScale.Gateway.Billing.Requests;

/// <summary>
/// A request that carries ids its client chose. Each is checked against <see cref="IdRule"/> before anything is
/// written, so a bad id is a 400 naming its field as the client wrote it (<c>invoices[3].accountId</c>), never a
/// half-applied batch or an id the database refuses later.
/// </summary>
public interface IRequestIds
{
    /// <summary>Every id in the request with its field path; an optional id that is absent is left out.</summary>
    IEnumerable<(string Field, string? Id)> Ids();
}

public static class RequestIds
{
    /// <summary>The first id that breaks the rule, with its field and reason; null when all are valid.</summary>
    public static (string Field, string Reason)? FirstViolation(this IRequestIds request) =>
        request.Ids().Select(entry => (entry.Field, Reason: IdRule.Violation(entry.Id))).FirstOrDefault(entry => entry.Reason is not null) is ({ } field, { } reason)
            ? (field, reason)
            : null;

    /// <summary>The ids of a batch's items, each field prefixed with the item's place: <c>invoices[3].accountId</c>.</summary>
    public static IEnumerable<(string Field, string? Id)> Items<T>(string collection, IReadOnlyList<T> items)
        where T : IRequestIds =>
        items.SelectMany((item, index) => item is null
            ? [($"{collection}[{index}]", null)]
            : item.Ids().Select(entry => ($"{collection}[{index}].{entry.Field}", entry.Id)));
}
