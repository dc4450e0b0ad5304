using ArScale.Load.Mail.SmtpSink;

namespace ArScale.Load.Infrastructure.Sinks;

/// <summary>
/// The SMTP server a scenario sends to, and what it says it accepted: a receipt per message with the sink's own
/// receipt time, so that latency is measured to the moment the mail left the system under test.
/// </summary>
public interface IMailSink : IAsyncDisposable
{
    SinkKind Kind { get; }

    Uri Smtp { get; }

    /// <summary>The sink's process, for the report's CPU table.</summary>
    CpuComponent Cpu { get; }

    /// <summary>Every message accepted since this sink was opened, in the order read.</summary>
    Task<IReadOnlyList<SinkReceipt>> ReceiptsAsync(CancellationToken cancellationToken);

    /// <summary>How many messages were accepted since this sink was opened (cheaper than the receipts: for progress).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Removes what the sink stored of the messages that <paramref name="belongs"/> (aiosmtpd's Maildir files).</summary>
    Task DiscardAsync(Func<SinkReceipt, bool> belongs, CancellationToken cancellationToken);
}
