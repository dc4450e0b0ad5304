using ArScale.Contracts.Billing;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Billing.Requests;
using ArScale.Messaging.Redelivery;
using MassTransit;

namespace ArScale.Gateway.Ingest;

/// <summary>An invoice from the bus, applied exactly as <c>POST /api/v1/accounts/{id}/invoices</c> applies one.</summary>
public sealed class InvoiceIssuedConsumer(AccountWrites writes, SalesLedger sales, Redelivery redelivery) : IConsumer<InvoiceIssued>
{
    public async Task Consume(ConsumeContext<InvoiceIssued> context)
    {
        var message = context.Message;
        var command = new InvoiceRequest(message.InvoiceId, message.Amount, message.Currency, message.IssueDate, message.DueDate).ToCommand();
        await redelivery.ApplyAsync(context, async () =>
        {
            await BillingMessages.ApplyAsync(writes, message.AccountId, command);
            await sales.RecordAsync([(message.AccountId, command)], context.CancellationToken);
        });
    }
}
