using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ArScale.Gateway.OperationsConsole;
using ArScale.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace ArScale.Gateway.SystemStatus;

/// <summary>
/// Queue depths and message rates of ArScale's virtual host, from RabbitMQ's management API (the rates are the
/// broker's own, averaged over its last few seconds). A broker that does not answer within the timeout is shown as
/// unreachable, not waited for: the page must stay usable when the broker is the problem.
/// </summary>
public sealed partial class RabbitMqQueues(HttpClient http, IOptionsMonitor<ConsoleOptions> options, IConfiguration configuration, ILogger<RabbitMqQueues> logger)
{
    private const string Columns =
        "name,messages,messages_ready,messages_unacknowledged,consumers,"
        + "message_stats.publish_details.rate,message_stats.deliver_get_details.rate,message_stats.ack_details.rate";

    public async Task<QueuesView> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.RabbitMqManagement;
        if (settings.Url is null)
        {
            return new QueuesView(false, null, null, []);
        }

        var (user, password, virtualHost) = Credentials(settings);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.Url, $"api/queues/{Uri.EscapeDataString(virtualHost)}?columns={Columns}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogUnreachable(null, (int)response.StatusCode);
                return new QueuesView(true, virtualHost, $"the management API answered {(int)response.StatusCode}", []);
            }

            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            return new QueuesView(true, virtualHost, null, [.. document.RootElement.EnumerateArray().Select(Read).OrderBy(queue => queue.Name, StringComparer.Ordinal)]);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(exception, null);
            return new QueuesView(true, virtualHost, exception is OperationCanceledException ? "no answer in time" : "unreachable", []);
        }
    }

    /// <summary>What the settings name, else the user, password and virtual host of the AMQP connection string.</summary>
    private (string User, string Password, string VirtualHost) Credentials(RabbitMqManagementOptions settings)
    {
        var amqp = configuration.GetConnectionString(ConnectionNames.RabbitMq) is { Length: > 0 } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
        var userInfo = amqp?.UserInfo.Split(':', 2) ?? [];
        var vhost = amqp is null || amqp.AbsolutePath is "" or "/" ? "/" : Uri.UnescapeDataString(amqp.AbsolutePath[1..]);
        return (
            settings.Username ?? (userInfo.Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest"),
            settings.Password ?? (userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest"),
            settings.VirtualHost ?? vhost);
    }

    private static QueueView Read(JsonElement queue)
    {
        static long Count(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.TryGetInt64(out var count) ? count : 0;
        static double Rate(JsonElement element, string name) =>
            element.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty(name, out var details)
            && details.TryGetProperty("rate", out var rate) && rate.TryGetDouble(out var value) ? Math.Round(value, 2) : 0;

        return new QueueView(
            queue.GetProperty("name").GetString() ?? "", Count(queue, "messages"), Count(queue, "messages_ready"), Count(queue, "messages_unacknowledged"),
            (int)Count(queue, "consumers"), Rate(queue, "publish_details"), Rate(queue, "deliver_get_details"), Rate(queue, "ack_details"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ's management API did not answer the system page (status {Status})")]
    private partial void LogUnreachable(Exception? exception, int? status);
}

/// <param name="Configured">Whether <c>ArScale:Console:RabbitMqManagement:Url</c> is set.</param>
/// <param name="Problem">Why there are no figures, when the broker did not give them.</param>
public sealed record QueuesView(bool Configured, string? VirtualHost, string? Problem, IReadOnlyList<QueueView> Queues);

/// <param name="PublishRate">Messages per second in; <paramref name="DeliverRate"/> handed to consumers; <paramref name="AckRate"/> finished.</param>
public sealed record QueueView(
    string Name, long Messages, long Ready, long Unacknowledged, int Consumers, double PublishRate, double DeliverRate, double AckRate);
