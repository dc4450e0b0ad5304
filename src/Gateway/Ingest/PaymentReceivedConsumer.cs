using ArScale.Contracts.Billing;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Billing.Requests;
using ArScale.Messaging.Redelivery;
using MassTransit;

namespace ArScale.Gateway.Ingest;

/// <summary>A payment from the bus, applied exactly as the payments batch applies one.</summary>
public sealed class PaymentReceivedConsumer(AccountWrites writes, Redelivery redelivery) : IConsumer<PaymentReceived>
{
    public async Task Consume(ConsumeContext<PaymentReceived> context)
    {
        var message = context.Message;
        var write = new PaymentRequest(message.AccountId, message.PaymentId, message.Amount, message.Currency, message.Date, message.InvoiceId).ToWrite();
        await redelivery.ApplyAsync(context, () => BillingMessages.ApplyAsync(writes, write.AccountId, write.Command));
    }
}
