namespace ArScale.Notifier.Channels;

/// <summary>The channels this Notifier can send on, by the name notices carry (<c>email</c>, <c>sms</c>, <c>letter</c>, <c>webhook</c>).</summary>
public sealed class NoticeChannels(IEnumerable<INoticeChannel> channels)
{
    private readonly Dictionary<string, INoticeChannel> byName = channels.ToDictionary(channel => channel.Name, StringComparer.Ordinal);

    public bool TryGet(string name, out INoticeChannel channel) => byName.TryGetValue(name, out channel!);

    public IEnumerable<string> Names => byName.Keys;
}
