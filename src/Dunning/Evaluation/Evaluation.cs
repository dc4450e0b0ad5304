namespace ArScale.Dunning;

/// <summary>One run of <see cref="PolicyEvaluator"/>: the account, policy and instant, and what it has decided so far.</summary>
internal sealed partial class Evaluation
{
    private readonly Account account;
    private readonly AccountState state;
    private readonly DunningPolicy policy;
    private readonly DateTimeOffset now;
    private readonly AccountProfile? profile;
    private readonly TimeZoneInfo zone;
    private readonly DateOnly today;
    private readonly SendWindow window;
    private readonly bool windowOpen;
    private readonly bool suppressed;
    private readonly bool doNotContact;

    private readonly List<FiringGroup> groups = [];
    private readonly List<PromiseResolved> promises = [];
    private readonly List<StatementDue> statements = [];
    private readonly List<RiskWarning> warnings = [];
    private readonly HashSet<string> heldByPromise = new(StringComparer.Ordinal);
    private readonly HashSet<string> brokenPromiseInvoices = new(StringComparer.Ordinal);
    private DateTimeOffset? nextActionAt;

    public Evaluation(Account account, DunningPolicy policy, DateTimeOffset now)
    {
        this.account = account;
        this.policy = policy;
        this.now = now;
        state = account.State;
        profile = state.Profile;
        zone = account.Zone;
        today = ZoneTime.LocalDate(now, zone);
        window = profile?.SendWindow ?? policy.SendWindow;
        windowOpen = window.IsOpen(now, zone);
        var flags = account.EffectiveFlags;
        suppressed = flags.DunningPaused || flags.AutoPay;
        doNotContact = flags.DoNotContact;
    }

    public DunningDecision Decide()
    {
        if (profile is null)
        {
            return new DunningDecision(account.Id, now, policy.Key, [], [], [], [], [], [], [], state.Risk, null);
        }

        var broken = ResolvePromises();
        if (!suppressed)
        {
            foreach (var item in DunnableItems())
            {
                DunItem(item);
            }

            foreach (var promise in broken)
            {
                FireBrokenPromise(promise);
            }
        }

        IssueStatement();
        var risk = AssessRisk();

        var (notices, fees, escalations, reached) = Build();
        return new DunningDecision(
            account.Id, now, policy.Key, notices, fees, escalations, reached, promises, statements, warnings, risk, nextActionAt);
    }

    public ItemOutlook Outlook(DunnableItem item)
    {
        var progress = state.Progress.GetValueOrDefault(item.Id);
        var paused = PausedBecause(item);
        if (paused is not null || progress?.Stopped == true || !item.IsOpen)
        {
            return new ItemOutlook(progress?.ReachedStage, null, null, paused ?? (item.IsOpen ? null : "settled"));
        }

        var (target, upcoming) = StagesFor(item, progress);
        if (target is not null)
        {
            return new ItemOutlook(progress?.ReachedStage, target.Name, window.NextOpening(now, zone), null);
        }

        return upcoming is null
            ? new ItemOutlook(progress?.ReachedStage, null, null, null)
            : new ItemOutlook(progress?.ReachedStage, upcoming.Name, UpcomingAt(item, upcoming), null);
    }

    private IEnumerable<DunnableItem> DunnableItems() =>
        account.OpenItems()
            .OrderBy(i => i.DueDate)
            .ThenBy(i => i.InvoiceId, StringComparer.Ordinal)
            .ThenBy(i => i.InstalmentNumber ?? 0);

    private string? PausedBecause(DunnableItem item)
    {
        if (account.EffectiveFlags is { DunningPaused: true })
        {
            return "dunning paused";
        }

        if (account.EffectiveFlags is { AutoPay: true })
        {
            return "auto-pay";
        }

        if (account.HasOpenDispute(item.InvoiceId))
        {
            return "disputed";
        }

        return heldByPromise.Contains(item.InvoiceId) || account.OpenPromiseCovering(item.InvoiceId) is not null
            ? "promise to pay"
            : null;
    }

    private void DunItem(DunnableItem item)
    {
        if (account.HasOpenDispute(item.InvoiceId) || heldByPromise.Contains(item.InvoiceId))
        {
            return;
        }

        var progress = state.Progress.GetValueOrDefault(item.Id);
        if (progress?.Stopped == true)
        {
            return;
        }

        var (target, upcoming) = StagesFor(item, progress);
        if (target is not null)
        {
            if (windowOpen)
            {
                Fire(target, target.Name, item, notify: !brokenPromiseInvoices.Contains(item.InvoiceId));
            }
            else
            {
                Consider(window.NextOpening(now, zone));
            }
        }

        if (upcoming is not null)
        {
            Consider(UpcomingAt(item, upcoming));
        }
    }

    /// <summary>
    /// The stage to fire now (the most advanced one reached and not yet passed) and the next one to come.
    /// A stage whose amount condition the item does not meet is passed over, not waited for: amounts only go down.
    /// </summary>
    private (DunningStage? Target, DunningStage? Upcoming) StagesFor(DunnableItem item, StageProgress? progress)
    {
        var reached = progress?.ReachedOffset ?? int.MinValue;
        var days = item.DaysPastDue(today);
        var unpaid = item.Outstanding.Amount;
        var target = policy.Stages.LastOrDefault(s => s.OffsetDays > reached && s.EffectiveDay <= days && s.Conditions.AllowsAmount(unpaid));
        if (target?.Stops == true)
        {
            return (target, null);
        }

        var floor = Math.Max(reached, target?.OffsetDays ?? int.MinValue);
        var upcoming = policy.Stages.FirstOrDefault(s => s.OffsetDays > floor && s.EffectiveDay > days && s.Conditions.AllowsAmount(unpaid));
        return (target, upcoming);
    }

    private DateTimeOffset UpcomingAt(DunnableItem item, DunningStage stage) =>
        window.NextOpening(ZoneTime.StartOfDay(item.DueDate.AddDays(stage.EffectiveDay), zone), zone);

    private void Consider(DateTimeOffset at)
    {
        if (at > now && (nextActionAt is null || at < nextActionAt))
        {
            nextActionAt = at;
        }
    }
}
