using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using KestrelServerOptions = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions;

namespace ArScale.Gateway.Security;

/// <summary>
/// One request body limit for the whole Gateway (<c>ArScale:Gateway:MaxRequestBodyBytes</c>, 4 MiB: a batch of
/// 1,000 invoices is a few hundred KB), answered with a 413 problem whether or not the client declared the size.
/// </summary>
public static partial class RequestBodyLimits
{
    public const string MaxRequestBodyBytesKey = "ArScale:Gateway:MaxRequestBodyBytes";
    public const long DefaultMaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>How much more than the limit Kestrel may read and discard so that a too-large request still gets its answer.</summary>
    private const int DrainAllowance = 4;

    public static WebApplicationBuilder AddRequestBodyLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, configuration) =>
            kestrel.Limits.MaxRequestBodySize = configuration.GetValue(MaxRequestBodyBytesKey, DefaultMaxRequestBodyBytes));
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Enforces Kestrel's limit for the request (the configured one, or an endpoint's own) in place of Kestrel.
    /// Kestrel enforces it by failing the read and closing the connection with the rest of the body unread, which
    /// the client sees as a connection reset instead of an answer. With Kestrel's own limit raised to
    /// <see cref="DrainAllowance"/> times ours, Kestrel reads and discards the rest of the body after our 413 (for at
    /// most its 5 s drain timeout) and the client reads the 413. A body larger still is refused Kestrel's way.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is not { IsReadOnly: false, MaxRequestBodySize: { } limit }
            || context.Request.ContentLength <= limit
            || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            await next(context);
            return;
        }

        var drainable = limit * DrainAllowance;
        if (context.Request.ContentLength > limit)
        {
            if (context.Request.ContentLength <= drainable)
            {
                size.MaxRequestBodySize = drainable;
            }

            await SecurityProblems.WriteAsync(context, SecurityProblems.RequestTooLarge(limit));
            return;
        }

        // Sent without a length (chunked): counted as it is read.
        size.MaxRequestBodySize = drainable;
        context.Request.Body = new LimitedRequestBody(context.Request.Body, limit);
        try
        {
            await next(context);
        }
        catch (RequestBodyTooLargeException) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await SecurityProblems.WriteAsync(context, SecurityProblems.RequestTooLarge(limit));
        }
    });

    /// <summary>
    /// Kestrel reports a broken request (a body sent too slowly, bad framing) by throwing while the application reads
    /// it; that is the client's fault and gets the client-error status Kestrel chose, not a 500.
    /// </summary>
    private sealed partial class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException badRequest || context.Response.HasStarted)
            {
                return false;
            }

            LogBadRequest(badRequest.StatusCode, badRequest.Message);
            var problem = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? SecurityProblems.RequestTooLarge(null)
                : new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = badRequest.StatusCode, Title = "The request could not be read.", Detail = badRequest.Message };
            await SecurityProblems.WriteAsync(context, problem);
            return true;
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Refused a request with {StatusCode}: {Reason}")]
        private partial void LogBadRequest(int statusCode, string reason);
    }

    // Deliberately not an IOException: minimal API body binding swallows those, and this must reach the middleware.
    private sealed class RequestBodyTooLargeException() : InvalidOperationException("The request body is larger than the limit.");

    private sealed class LimitedRequestBody(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int bytes)
        {
            read += bytes;
            return read > limit ? throw new RequestBodyTooLargeException() : bytes;
        }
    }
}
