namespace ArScale.AppHost;

/// <summary>How one service is run: which project, on which ports, with which extra settings.</summary>
public sealed record ServiceDefinition(string Name, string Project, int HttpPort, IReadOnlyDictionary<string, string> Environment)
{
    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";
    public string HealthUrl => $"{BaseUrl}/health";
}
