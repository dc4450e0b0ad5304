using ArScale.Dunning;
using ArScale.Dunning.Identifiers;
using ArScale.Gateway.Billing;
using MassTransit;

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

/// <summary>A silo restarting is retried briefly; a refused message goes to the error queue at once, with its reason.</summary>
public sealed class BillingConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(retry =>
        {
            retry.Ignore<BillingMessageRejectedException>();
            retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        });
}
