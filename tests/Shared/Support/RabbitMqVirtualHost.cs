using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ArScale.Tests.Support;

/// <summary>
/// A RabbitMQ virtual host of its own for one test class, on the real test broker: queues such as
/// <c>notice-due</c> are shared by name, and two classes must not consume each other's messages.
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncLifetime
{
    private readonly HttpClient management = new() { BaseAddress = new Uri(TestEnvironment.RabbitMqManagement) };

    public string Name { get; } = $"arscale-t-{Guid.NewGuid():N}";

    public string ConnectionString => new UriBuilder(TestEnvironment.RabbitMq) { Path = "/" + Uri.EscapeDataString(Name) }.Uri.ToString();

    public async Task InitializeAsync()
    {
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        (await management.PutAsync($"api/vhosts/{Name}", null)).EnsureSuccessStatusCode();
        using var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await management.PutAsync($"api/permissions/{Name}/guest", permissions)).EnsureSuccessStatusCode();
    }

    /// <summary>Messages waiting in a queue (the management API's figure, refreshed every few seconds).</summary>
    public async Task<int> MessagesInAsync(string queue)
    {
        using var response = await management.GetAsync($"api/queues/{Name}/{queue}");
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number ? messages.GetInt32() : 0;
    }

    /// <summary>Takes up to <paramref name="count"/> messages off a queue and returns their headers and bodies.</summary>
    public async Task<IReadOnlyList<(JsonElement Properties, string Payload)>> TakeAsync(string queue, int count)
    {
        using var request = new StringContent(
            JsonSerializer.Serialize(new { count, ackmode = "ack_requeue_false", encoding = "auto" }), Encoding.UTF8, "application/json");
        using var response = await management.PostAsync($"api/queues/{Name}/{queue}/get", request);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Not declared yet: MassTransit creates an error queue with its first fault.
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. document.RootElement.EnumerateArray().Select(message => (message.GetProperty("properties").Clone(), message.GetProperty("payload").GetString() ?? ""))];
    }

    /// <summary>Puts raw bytes straight onto a queue, as a misbehaving publisher would.</summary>
    public async Task PublishRawAsync(string queue, string payload, string contentType)
    {
        using var request = new StringContent(
            JsonSerializer.Serialize(new
            {
                properties = new Dictionary<string, object> { ["content_type"] = contentType, ["delivery_mode"] = 2 },
                routing_key = queue,
                payload,
                payload_encoding = "string",
            }),
            Encoding.UTF8, "application/json");
        (await management.PostAsync($"api/exchanges/{Name}/amq.default/publish", request)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await management.DeleteAsync($"api/vhosts/{Name}");
        management.Dispose();
    }
}
