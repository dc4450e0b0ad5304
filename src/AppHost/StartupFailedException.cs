namespace ArScale.AppHost;

/// <summary>A step of the start sequence failed; the message names the component and what to do.</summary>
public sealed class StartupFailedException(string component, string message) : Exception($"{component}: {message}")
{
    public string Component { get; } = component;
}
