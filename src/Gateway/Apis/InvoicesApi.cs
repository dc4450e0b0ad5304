using ArScale.Dunning;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Billing.Requests;
using ArScale.Gateway.Security;

namespace ArScale.Gateway.Apis;

/// <summary>Invoices (one, or batches of up to 1,000), credit notes and payments (batches).</summary>
public static class InvoicesApi
{
    public static RouteGroupBuilder MapInvoicesApi(this RouteGroupBuilder api)
    {
        var billing = api.MapGroup("").WithTags("Billing").RequireScope(Scopes.BillingWrite);

        billing.MapPost("/accounts/{accountId}/invoices", async (HttpRequest request, string accountId, SingleWrite write, SalesLedger sales) =>
            {
                IssueInvoice? command = null;
                var result = await write.HandleAsync<InvoiceRequest>(request, accountId, body => command = body.ToCommand());
                if (command is not null && result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
                {
                    await sales.RecordAsync([(accountId, command)], request.HttpContext.RequestAborted);
                }

                return result;
            })
            .WithSummary("Issue one invoice; its invoice id makes a resend harmless")
            .Accepts<InvoiceRequest>("application/json");

        billing.MapPost("/invoices/batch", (HttpContext context, BatchEndpoint batch, AccountWrites writes, SalesLedger sales) =>
                batch.HandleAsync<InvoiceBatchRequest>(context, async (request, cancellationToken) =>
                {
                    var items = request.Invoices.Select(invoice => invoice.ToWrite()).ToList();
                    var outcomes = await writes.ExecuteBatchAsync(items, cancellationToken);
                    await sales.RecordAsync(
                        items.Where((_, index) => outcomes[index].Succeeded).Select(item => (item.AccountId, (IssueInvoice)item.Command)), cancellationToken);
                    return BatchAnswer.Of(items, outcomes, index => request.Invoices[index].InvoiceId);
                }))
            .WithSummary("Issue up to 1,000 invoices across accounts; answered per invoice. Send an Idempotency-Key to get the first answer back on a replay.")
            .Accepts<InvoiceBatchRequest>("application/json");

        billing.MapPost("/payments/batch", (HttpContext context, BatchEndpoint batch, AccountWrites writes) =>
                batch.HandleAsync<PaymentBatchRequest>(context, async (request, cancellationToken) =>
                {
                    var items = request.Payments.Select(payment => payment.ToWrite()).ToList();
                    var outcomes = await writes.ExecuteBatchAsync(items, cancellationToken);
                    return BatchAnswer.Of(items, outcomes, index => request.Payments[index].PaymentId);
                }))
            .WithSummary("Record up to 1,000 payments; answered per payment")
            .Accepts<PaymentBatchRequest>("application/json");

        billing.MapPost("/accounts/{accountId}/credit-notes", (HttpRequest request, string accountId, SingleWrite write) =>
                write.HandleAsync<CreditNoteRequest>(request, accountId, body => body.ToCommand()))
            .WithSummary("Credit an invoice (or the account)")
            .Accepts<CreditNoteRequest>("application/json");

        return api;
    }
}
