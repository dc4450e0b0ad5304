using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ArScale.Load.Infrastructure;

/// <summary>
/// The broker's management API: a virtual host per run (a fresh set of queues, nothing left from an earlier run)
/// and queue depths.
/// </summary>
public sealed class RabbitManagement : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri amqp;

    public RabbitManagement(Uri management, string amqpConnectionString)
    {
        amqp = new Uri(amqpConnectionString);
        var credentials = amqp.UserInfo is { Length: > 0 } info ? Uri.UnescapeDataString(info) : "guest:guest";
        http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    /// <summary>Creates the virtual host, lets the broker's user use it, and returns its AMQP connection string.</summary>
    public async Task<string> CreateVirtualHostAsync(string name, CancellationToken cancellationToken)
    {
        using (var response = await http.PutAsync(new Uri($"api/vhosts/{Uri.EscapeDataString(name)}", UriKind.Relative), null, cancellationToken))
        {
            response.EnsureSuccessStatusCode();
        }

        var user = Uri.UnescapeDataString(amqp.UserInfo.Split(':')[0] is { Length: > 0 } u ? u : "guest");
        using var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        using (var response = await http.PutAsync(
            new Uri($"api/permissions/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(user)}", UriKind.Relative), permissions, cancellationToken))
        {
            response.EnsureSuccessStatusCode();
        }

        return new UriBuilder(amqp) { Path = "/" + Uri.EscapeDataString(name) }.Uri.ToString();
    }

    public async Task DeleteVirtualHostAsync(string name)
    {
        using var response = await http.DeleteAsync(new Uri($"api/vhosts/{Uri.EscapeDataString(name)}", UriKind.Relative));
    }

    /// <summary>Messages in a queue (ready and unacknowledged), as the management API reports it (refreshed every few seconds).</summary>
    public async Task<long?> MessagesAsync(string virtualHost, string queue, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            new Uri($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}", UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number ? messages.GetInt64() : null;
    }

    /// <summary>Every queue of the virtual host whose name ends in <c>_error</c> (MassTransit's dead letters), with its message count.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ErrorQueuesAsync(string virtualHost, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            new Uri($"api/queues/{Uri.EscapeDataString(virtualHost)}?columns=name,messages", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var queues = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var queue in document.RootElement.EnumerateArray())
        {
            var name = queue.GetProperty("name").GetString() ?? "";
            if (name.EndsWith("_error", StringComparison.Ordinal))
            {
                queues[name] = queue.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number ? messages.GetInt64() : 0;
            }
        }

        return queues;
    }

    public void Dispose() => http.Dispose();
}
