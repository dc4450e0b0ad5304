using ArScale.Gateway.Billing.Requests;

namespace ArScale.Gateway.Billing;

/// <summary>A batch's answer, item by item, in request order: one bad item never rejects the good ones.</summary>
public sealed record BatchAnswer(int Accepted, int Duplicate, int Rejected, IReadOnlyList<BatchItemAnswer> Items)
{
    public static BatchAnswer Of(IReadOnlyList<AccountWrite> writes, IReadOnlyList<WriteOutcome> outcomes, Func<int, string> idOf)
    {
        var items = outcomes.Select((outcome, index) => new BatchItemAnswer(index, writes[index].AccountId, idOf(index), outcome.Status, outcome.Field, outcome.Message)).ToList();
        return new BatchAnswer(
            items.Count(item => item.Status == WriteStatus.Accepted),
            items.Count(item => item.Status == WriteStatus.Duplicate),
            items.Count(item => item.Status is not (WriteStatus.Accepted or WriteStatus.Duplicate)),
            items);
    }
}

public sealed record BatchItemAnswer(int Index, string AccountId, string Id, WriteStatus Status, string? Field, string? Message);

public sealed record InvoiceBatchRequest(IReadOnlyList<BatchInvoiceRequest> Invoices) : IBatchRequest
{
    public int Count => Invoices.Count;

    public IEnumerable<(string Field, string? Id)> Ids() => RequestIds.Items("invoices", Invoices);
}

public sealed record PaymentBatchRequest(IReadOnlyList<PaymentRequest> Payments) : IBatchRequest
{
    public int Count => Payments.Count;

    public IEnumerable<(string Field, string? Id)> Ids() => RequestIds.Items("payments", Payments);
}

public sealed record AccountBatchRequest(IReadOnlyList<BulkAccountRequest> Accounts) : IBatchRequest
{
    public int Count => Accounts.Count;

    public IEnumerable<(string Field, string? Id)> Ids() => RequestIds.Items("accounts", Accounts);
}

/// <summary>A batch: its size is limited, and every id in it is checked before any item is written.</summary>
public interface IBatchRequest : IRequestIds
{
    int Count { get; }
}
