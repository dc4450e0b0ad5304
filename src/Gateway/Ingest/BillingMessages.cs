using ArScale.Dunning;
using ArScale.Dunning.Identifiers;
using ArScale.Gateway.Billing;
using MassTransit;
using ArScale.Messaging.Redelivery;

namespace ArScale.Gateway.Ingest;

public static class BillingMessages
{
    /// <summary>Applies one message's command; anything but accepted or a harmless replay is refused with the account's reason.</summary>
    public static async Task<WriteOutcome> ApplyAsync(AccountWrites writes, string? accountId, AccountCommand command)
    {
        if (IdRule.Violation(accountId) is { } problem)
        {
            throw new BillingMessageRejectedException($"accountId: {problem}");
        }

        var outcome = await writes.ExecuteAsync(accountId!, command);
        return outcome.Succeeded
            ? outcome
            : throw new BillingMessageRejectedException($"{outcome.Status}: {(outcome.Field is null ? "" : outcome.Field + ": ")}{outcome.Message}");
    }

    public static void AddBillingIngest(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<InvoiceIssuedConsumer, BillingConsumerDefinition<InvoiceIssuedConsumer>>();
        bus.AddConsumer<PaymentReceivedConsumer, BillingConsumerDefinition<PaymentReceivedConsumer>>();
    }
}

/// <summary>
/// A passing failure is retried in rounds until the deadline (<see cref="Redelivery"/>); a refused message goes
/// to the error queue at once, with its reason, and so does one that cannot be read (it fails before the consumer).
/// </summary>
public sealed class BillingConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseRedeliveryRounds(context);
}
