namespace ArScale.Notifier.Templates;

/// <summary>A message ready for a channel: the subject and HTML are empty for channels that have none (SMS).</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html);
