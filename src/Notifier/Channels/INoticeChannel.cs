namespace ArScale.Notifier.Channels;

/// <summary>
/// A way to reach someone. A channel either returns a receipt, throws <see cref="DeliveryRejectedException"/>
/// when the provider refused the message for good, or throws <see cref="DeliveryDeferredException"/> when trying
/// again later may succeed; it classifies its own provider's errors so the pipeline never has to.
/// </summary>
public interface INoticeChannel
{
    string Name { get; }

    Task<DeliveryReceipt> SendAsync(ChannelMessage message, CancellationToken cancellationToken);
}
