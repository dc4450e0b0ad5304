using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ArScale.Messaging;
using ArScale.Notifier.Templates;
using ArScale.Notifier.Templates.Models;

namespace ArScale.Notifier.Channels.Http;

/// <summary>
/// Any channel whose provider takes an HTTP request: the body comes from a provider template, the
/// authentication from configured headers. 2xx is accepted; 408, 429 and 5xx are worth retrying; any other
/// 4xx means the provider will never take this message.
/// </summary>
public sealed class HttpChannel(string name, HttpChannelOptions options, HttpClient client, TemplateCatalog templates) : INoticeChannel
{
    private const int ReplyExcerpt = 300;

    public string Name => name;

    public string BodyTemplate => options.BodyTemplate ?? name;

    public async Task<DeliveryReceipt> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        var payload = new HttpPayloadModel(
            message.NoticeId, message.AccountId, name, message.Recipients, message.Content.Subject, message.Content.Text, message.Content.Html);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = new StringContent(await templates.RenderProviderBodyAsync(BodyTemplate, payload), Encoding.UTF8, MediaTypeHeaderValue.Parse(options.ContentType)),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKeyFor(message.NoticeId));
        foreach (var (header, value) in options.Headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        HttpResponseMessage response;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            response = await client.SendAsync(request, timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DeliveryDeferredException($"the {name} provider did not answer: {exception.Message}", exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var reply = $"{(int)response.StatusCode} {Excerpt(body)}".TrimEnd();
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryReceipt(response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null, reply);
            }

            if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                throw new DeliveryDeferredException($"the {name} provider answered {reply}");
            }

            throw new DeliveryRejectedException(reply);
        }
    }

    /// <summary>
    /// The notice's deterministic GUID, the one its e-mail Message-ID carries: a notice id may hold any printable
    /// character (an account id "Müller-7"), but a header value must be ASCII, and providers bound their keys' length.
    /// The same notice always gives the same key, so the provider still drops a resend; the body's reference keeps the id.
    /// </summary>
    public static string IdempotencyKeyFor(string noticeId) => DeterministicGuid.From(noticeId).ToString("D");

    private static string Excerpt(string body) => body.Length <= ReplyExcerpt ? body : body[..ReplyExcerpt];
}
