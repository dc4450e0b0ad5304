namespace ArScale.Notifier.Hosting;

/// <summary>The <c>ArScale:Notifier</c> configuration section.</summary>
public sealed class NotifierOptions
{
    public const string Section = "ArScale:Notifier";

    /// <summary>The template folder, relative to the Notifier's own folder unless rooted.</summary>
    public string TemplateDirectory { get; set; } = "templates";

    /// <summary>
    /// Messages one Notifier process works on at once, per queue. By Little's law: a notice spends some 30 ms from
    /// claim to Sent, most of it waiting for the batched claim and outcome statements and the SMTP reply, so 2,000 a
    /// second need 60 or more in flight; 128 (with a prefetch of 256, <c>ArScale:Bus:PrefetchCount</c> in appsettings.json)
    /// also fills those batches. A 20,000-account storm ran at 652 e-mails/s for 2.96 ms of CPU each with 128/256, at
    /// 563/s and 3.34 ms with 32/64 (load/results/storm-steps.md, s9 and s10).
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 128;

    /// <summary>How long a worker holds a notice it is sending before another may take it over (it crashed).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long after its claim a dunning notice may go out on the claim's word that the account has not changed since it
    /// decided the notice (its version then and now are the same). A send later than this (a long wait for the channel's
    /// rate limit) asks the account, as does any notice whose versions differ or are unknown.
    /// </summary>
    public TimeSpan UnchangedAccountWindow { get; set; } = TimeSpan.FromSeconds(2);

    public RetryOptions Retry { get; set; } = new();

    public LenderOptions Lender { get; set; } = new();

    public StaffOptions Staff { get; set; } = new();
}

/// <summary>
/// A notice the channel could not take (SMTP down, a 4xx reply, a timeout, the silos away) is parked in
/// <c>notice_log</c> and tried again with exponential backoff, from <see cref="FirstInterval"/> up to
/// <see cref="LongestInterval"/>, until <see cref="Deadline"/> after its first attempt; only then is it Failed.
/// A lender's mail relay can be down for a night: hours, not minutes, is the default.
/// </summary>
public sealed class RetryOptions
{
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(48);

    public TimeSpan FirstInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan LongestInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each Notifier's retry pump looks for parked notices that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The pause after the <paramref name="attempt"/>-th failed attempt (1-based): doubling, capped.</summary>
    public TimeSpan PauseAfter(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var pause = FirstInterval.Ticks * Math.Pow(2, doublings);
        return TimeSpan.FromTicks((long)Math.Min(pause, LongestInterval.Ticks));
    }
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
