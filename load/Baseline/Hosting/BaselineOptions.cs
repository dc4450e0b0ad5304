namespace ArScale.Load.Baseline.Hosting;

/// <summary>
/// The baseline's settings (section <c>Baseline</c>). Hangfire's own defaults throughout, except the two polling
/// intervals: 15 s by default, which would add up to half a minute before the first reminder leaves. A team that
/// promises reminders at the due time shortens them, as Hangfire's documentation suggests.
/// </summary>
/// <remarks>
/// Two variants, chosen here so that one build runs either: <see cref="ReminderMailerKind.Naive"/> (the default:
/// a new MailKit client per reminder, Hangfire's default worker count) and what a team that tuned it would run,
/// <see cref="ReminderMailerKind.Pooled"/> with the worker count it measured (<see cref="WorkerCount"/>).
/// </remarks>
public sealed class BaselineOptions
{
    /// <summary>Hangfire workers; null: Hangfire's default, five per core up to 20 (10 on two cores).</summary>
    public int? WorkerCount { get; set; }

    /// <summary>How a reminder reaches the SMTP server: a new connection each (naive) or a pooled session.</summary>
    public ReminderMailerKind Mailer { get; set; } = ReminderMailerKind.Naive;

    /// <summary>Open SMTP sessions the pooled mailer keeps at most (<see cref="ReminderMailerKind.Pooled"/> only).</summary>
    public int PoolSize { get; set; } = 8;

    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string TemplateFile { get; set; } = Path.Combine(AppContext.BaseDirectory, "templates", "dunning.due.liquid");

    public string From { get; set; } = "reminders@arscale-bank.example";

    public string FromName { get; set; } = "ArScale Bank";

    public LenderDetails Lender { get; set; } = new();
}

/// <summary>The two ways the baseline sends a reminder.</summary>
public enum ReminderMailerKind
{
    /// <summary>A new MailKit <c>SmtpClient</c> per reminder on MailKit's own socket: connect, EHLO, send, QUIT.</summary>
    Naive,

    /// <summary>A few connected sessions on sockets with Nagle off, reused from reminder to reminder.</summary>
    Pooled,
}

/// <summary>What the reminder says about the lender: the values the Notifier's appsettings.json gives its template.</summary>
public sealed class LenderDetails
{
    public string Name { get; set; } = "ArScale Bank";

    public string PayUrl { get; set; } = "https://pay.arscale-bank.example/accounts/{account}";

    public string DisputeUrl { get; set; } = "https://pay.arscale-bank.example/accounts/{account}/disputes";

    public string SupportEmail { get; set; } = "collections@arscale-bank.example";

    public string SupportPhone { get; set; } = "+1 555 0100";
}
