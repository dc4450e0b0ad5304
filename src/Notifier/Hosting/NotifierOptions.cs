namespace ArScale.Notifier.Hosting;

/// <summary>The <c>ArScale:Notifier</c> configuration section.</summary>
public sealed class NotifierOptions
{
    public const string Section = "ArScale:Notifier";

    /// <summary>The template folder, relative to the Notifier's own folder unless rooted.</summary>
    public string TemplateDirectory { get; set; } = "templates";

    /// <summary>Messages one Notifier process works on at once, per queue.</summary>
    public int ConcurrentMessageLimit { get; set; } = 32;

    /// <summary>How long a worker holds a notice it is sending before another may take it over (it crashed).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    public RetryOptions Retry { get; set; } = new();

    public LenderOptions Lender { get; set; } = new();

    public StaffOptions Staff { get; set; } = new();
}

/// <summary>
/// Transient failures (SMTP down, 4xx replies, timeouts) are retried with exponential backoff; after
/// <see cref="Limit"/> retries the notice is Failed and the message goes to the error queue.
/// </summary>
public sealed class RetryOptions
{
    public int Limit { get; set; } = 6;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>What every customer message says about the lender. <c>{account}</c> and <c>{statement}</c> are replaced.</summary>
public sealed class LenderOptions
{
    public string Name { get; set; } = "ArScale Bank";

    public string PayUrl { get; set; } = "https://pay.example.com/accounts/{account}";

    public string DisputeUrl { get; set; } = "https://pay.example.com/accounts/{account}/disputes";

    public string StatementUrl { get; set; } = "https://pay.example.com/statements/{statement}";

    public string SupportEmail { get; set; } = "collections@example.com";

    public string SupportPhone { get; set; } = "+1 555 0100";

    /// <summary>The operations console, for links in staff e-mails.</summary>
    public string ConsoleUrl { get; set; } = "http://localhost:5100";
}

/// <summary>The lender's staff who receive internal notices.</summary>
public sealed class StaffOptions
{
    /// <summary>Receives collector tasks for accounts with no known collector, so no task goes unseen.</summary>
    public StaffMember Manager { get; set; } = new() { Name = "Collections manager", Email = "collections-manager@example.com" };

    public StaffMember Legal { get; set; } = new() { Name = "Legal team", Email = "legal@example.com" };

    public Dictionary<string, StaffMember> Collectors { get; set; } = new(StringComparer.Ordinal);
}

public sealed class StaffMember
{
    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string Locale { get; set; } = "en";

    public string TimeZone { get; set; } = "UTC";
}
