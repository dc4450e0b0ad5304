using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ArScale.Messaging.Redelivery;

/// <summary>The in-memory half of <see cref="Redelivery"/>: one round of retries, and the failures that are never retried.</summary>
public static class RedeliveryRetry
{
    /// <summary>Refused, or unreadable: a message that cannot be read never will be (normally it fails before the consumer, outside any retry).</summary>
    public static bool IsRefused(Exception exception) => exception is MessageRefusedException or SerializationException or JsonException;

    /// <summary>A consumer whose work runs inside <see cref="Redelivery.ApplyAsync{TMessage}(ConsumeContext{TMessage}, Func{Task})"/> gets its rounds here.</summary>
    public static void UseRedeliveryRounds<TConsumer>(this IConsumerConfigurator<TConsumer> consumer, IRegistrationContext context)
        where TConsumer : class
    {
        var options = context.GetRequiredService<IOptions<RedeliveryOptions>>().Value;
        consumer.UseMessageRetry(retry =>
        {
            retry.Ignore<MessageRefusedException>();
            retry.Ignore<SerializationException>();
            retry.Ignore<JsonException>();
            retry.Exponential(options.RetriesPerRound, options.MinInterval, options.MaxInterval, options.IntervalDelta);
        });
    }

    public static IServiceCollection AddRedelivery(this IServiceCollection services)
    {
        services.AddOptions<RedeliveryOptions>().BindConfiguration(RedeliveryOptions.Section);
        services.AddSingleton<Redelivery>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
