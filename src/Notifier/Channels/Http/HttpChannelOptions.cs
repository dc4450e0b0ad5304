namespace ArScale.Notifier.Channels.Http;

/// <summary>
/// One HTTP provider (SMS gateway, print-mail house, a lender's own webhook), under
/// <c>ArScale:Notifier:Http:&lt;channel&gt;</c>. The body is the provider template <c>providers/&lt;BodyTemplate&gt;.liquid</c>.
/// </summary>
public sealed class HttpChannelOptions
{
    public const string Section = "ArScale:Notifier:Http";

    public Uri? Url { get; set; }

    /// <summary>Sent with every request, e.g. <c>Authorization: Bearer …</c>. Values are secrets and never logged.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider body template's name; the channel's own name when not set.</summary>
    public string? BodyTemplate { get; set; }

    public string ContentType { get; set; } = "application/json";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
