using ArScale.Notifier.Templates;

namespace ArScale.Notifier.Channels;

/// <summary>A rendered message and where it goes.</summary>
public sealed record ChannelMessage(string NoticeId, string AccountId, string Channel, IReadOnlyList<string> Recipients, RenderedMessage Content);

/// <summary>What the provider said when it accepted the message, and the id it goes by there.</summary>
public sealed record DeliveryReceipt(string? MessageId, string? ProviderReply);
