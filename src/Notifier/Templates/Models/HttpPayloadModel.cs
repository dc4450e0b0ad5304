namespace ArScale.Notifier.Templates.Models;

/// <summary>What an HTTP provider's body template sees: the rendered message and where it goes.</summary>
public sealed record HttpPayloadModel(
    string NoticeId,
    string AccountId,
    string Channel,
    IReadOnlyList<string> Recipients,
    string Subject,
    string Text,
    string Html);
