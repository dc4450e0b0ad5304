namespace ArScale.Load.Infrastructure;

/// <summary>A run cannot go on (a component did not start, a figure is impossible); the message says what and where to look.</summary>
public sealed class LoadFailedException(string message, Exception? inner = null) : Exception(message, inner);
