using System.Collections.Concurrent;
using System.Text.Json;
using ArScale.Dunning;
using ArScale.Integration.Tests.Support;
using ArScale.Notifier.Channels.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ArScale.Integration.Tests.Notifier;

public sealed class HttpChannelTests(NotifierSystem system) : IClassFixture<NotifierSystem>, IAsyncLifetime
{
    private readonly ConcurrentQueue<(string? Authorization, string? IdempotencyKey, string Body)> received = new();
    private WebApplication? provider;
    private int port;

    /// <summary>A stand-in SMS provider on a real local port: it records what it was sent and answers 202.</summary>
    public async Task InitializeAsync()
    {
        port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        provider = builder.Build();
        provider.MapPost("/sms", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            received.Enqueue((request.Headers.Authorization, request.Headers["Idempotency-Key"], await reader.ReadToEndAsync()));
            return Results.Accepted();
        });
        await provider.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await system.StopNotifiersAsync();
        await provider!.DisposeAsync();
    }

    [Fact]
    public async Task An_sms_notice_is_posted_to_the_provider_with_the_configured_auth_and_body()
    {
        await system.StartNotifierAsync(settings: new Dictionary<string, string?>
        {
            ["ArScale:Notifier:Http:sms:Url"] = $"http://127.0.0.1:{port}/sms",
            ["ArScale:Notifier:Http:sms:Headers:Authorization"] = "Bearer sms-test-key",
        });
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "sms@example.test", new Money(77m, "EUR"));
        var notice = Notices.Due(accountId, channel: "sms", recipients: ["+49 170 1234567"], outstanding: 77m);

        await system.PublishAsync(notice);

        var row = await system.WaitForOutcomeAsync(notice.NoticeId);
        Assert.Equal("Sent", row.Status);
        Assert.StartsWith("202", row.Detail, StringComparison.Ordinal);
        var (authorization, idempotencyKey, body) = Assert.Single(received);
        Assert.Equal("Bearer sms-test-key", authorization);
        Assert.Equal(HttpChannel.IdempotencyKeyFor(notice.NoticeId), idempotencyKey);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("+49 170 1234567", json.RootElement.GetProperty("to")[0].GetString());
        Assert.Contains("€77.00", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(notice.NoticeId, json.RootElement.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task An_sms_notice_of_an_account_whose_id_is_not_ascii_is_sent_with_an_ascii_idempotency_key()
    {
        await system.StartNotifierAsync(settings: new Dictionary<string, string?> { ["ArScale:Notifier:Http:sms:Url"] = $"http://127.0.0.1:{port}/sms" });
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "sms@example.test", [new Money(77m, "EUR")], idSuffix: "Müller-客户");
        var notice = Notices.Due(accountId, channel: "sms", recipients: ["+49 170 1234567"], outstanding: 77m);

        await system.PublishAsync(notice);

        Assert.Equal("Sent", (await system.WaitForOutcomeAsync(notice.NoticeId)).Status);
        var (_, idempotencyKey, body) = Assert.Single(received);
        Assert.Equal(HttpChannel.IdempotencyKeyFor(notice.NoticeId), idempotencyKey);
        Assert.True(Guid.TryParse(idempotencyKey, out _));
        Assert.Equal(notice.NoticeId, JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task A_channel_with_no_provider_configured_is_suppressed_with_the_reason()
    {
        await system.StartNotifierAsync();
        var accountId = await system.CreateAccountAsync("en", "Europe/Berlin", "letter@example.test", new Money(77m, "EUR"));
        var notice = Notices.Due(accountId, channel: "letter", recipients: [], templateKey: "dunning.legal-notice");

        await system.PublishAsync(notice);

        var row = await system.WaitForOutcomeAsync(notice.NoticeId);
        Assert.Equal(("Suppressed", "no provider is configured for channel letter"), (row.Status, row.Detail));
    }
}
