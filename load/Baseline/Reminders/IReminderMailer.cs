using MimeKit;

namespace ArScale.Load.Baseline.Reminders;

/// <summary>
/// Hands one reminder to the SMTP server. A failure is thrown to the job, and Hangfire retries the job; the mailer
/// never retries on its own (a retry that resent an accepted message would double it).
/// </summary>
public interface IReminderMailer
{
    /// <summary>What the app's log and the load tool's report say about this mailer.</summary>
    string Describe();

    /// <summary>SMTP connections opened so far: one per send attempt for the naive mailer, a few for the pool.</summary>
    long ConnectionsOpened { get; }

    /// <summary>Connections given up because a send on them failed.</summary>
    long ConnectionsDiscarded { get; }

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
