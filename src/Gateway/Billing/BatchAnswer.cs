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

public sealed record InvoiceBatchRequest(IReadOnlyList<Requests.BatchInvoiceRequest> Invoices);

public sealed record PaymentBatchRequest(IReadOnlyList<Requests.PaymentRequest> Payments);

public sealed record AccountBatchRequest(IReadOnlyList<Requests.BulkAccountRequest> Accounts);
