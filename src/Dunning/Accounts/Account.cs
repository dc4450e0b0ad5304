using System.Text.Json;

namespace ArScale.Dunning;

/// <summary>
/// The account aggregate. Commands change it through <see cref="Execute"/>; dunning decisions through
/// <see cref="Apply"/>. It never reads a clock: every time-dependent call takes <c>now</c>.
/// </summary>
public sealed partial class Account
{
    public Account(string accountId)
    {
        if (Problem.Id(accountId, "accountId") is { } problem)
        {
            throw new ArgumentException($"{problem.Field} {problem.Message}", nameof(accountId));
        }

        State = new AccountState { AccountId = accountId };
    }

    private Account(AccountState state) => State = state;

    /// <summary>The persisted state; serialize it with <see cref="DunningJson.Options"/>.</summary>
    public AccountState State { get; }

    public string Id => State.AccountId;

    public AccountProfile? Profile => State.Profile;

    public static Account Restore(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new Account(state);
    }

    /// <summary>
    /// A deep copy, made through the stored JSON shape so that it holds exactly what storage would. The grain runs each
    /// call on a copy and keeps it only once it is stored: a command that throws halfway, or a write that fails,
    /// then leaves nothing behind.
    /// </summary>
    public Account Copy() =>
        Restore(JsonSerializer.Deserialize<AccountState>(JsonSerializer.SerializeToUtf8Bytes(State, DunningJson.Options), DunningJson.Options)!);

    /// <summary>
    /// Validates and applies a command. A replayed command (same id, same content) changes nothing and answers
    /// <see cref="CommandResult.Duplicate"/>; the same id with other content answers <see cref="CommandResult.Conflict"/>.
    /// </summary>
    public CommandResult Execute(AccountCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Problem.Required(command.CommandId, "commandId") is { } missing)
        {
            return Reject(command, missing);
        }

        var fingerprint = CommandFingerprint.Of(command);
        var seen = State.ProcessedCommands.Find(p => p.CommandId == command.CommandId);
        if (seen is not null)
        {
            return seen.Fingerprint == fingerprint
                ? new CommandResult.Duplicate(command.CommandId)
                : new CommandResult.Conflict(command.CommandId, $"command id '{command.CommandId}' was already used for a different command");
        }

        if (command is not UpsertProfile && State.Profile is null)
        {
            return Reject(command, new Problem("profile", "the account has no profile yet; upsert it first"));
        }

        var result = command switch
        {
            UpsertProfile c => Handle(c, now),
            AssignCollector c => Handle(c),
            AddCollectionNote c => Handle(c, now),
            PauseDunning c => Handle(c, now),
            ResumeDunning c => Handle(c, now),
            RecordNoticeOutcome c => Handle(c),
            IssueInvoice c => Handle(c, fingerprint, now),
            RecordPayment c => Handle(c, fingerprint, now),
            IssueCreditNote c => Handle(c, fingerprint, now),
            WriteOffInvoice c => Handle(c, fingerprint, now),
            OpenDispute c => Handle(c, fingerprint, now),
            ResolveDispute c => Handle(c, now),
            PromiseToPay c => Handle(c, fingerprint, now),
            SetInstalmentPlan c => Handle(c),
            ConfirmStatement c => Handle(c),
            DisputeStatement c => Handle(c, now),
            _ => Reject(command, new Problem("type", $"{command.GetType().Name} is not a command this account understands")),
        };

        if (result is CommandResult.Accepted)
        {
            RememberCommand(command.CommandId, fingerprint, now);
        }

        return result;
    }

    public Invoice? FindInvoice(string? invoiceId) => State.Invoices.Find(i => i.Id == invoiceId);

    public IEnumerable<DunnableItem> OpenItems() =>
        State.Invoices.Where(i => i.IsOpen).SelectMany(i => i.Items()).Where(i => i.IsOpen);

    public bool HasOpenDispute(string invoiceId) =>
        State.Disputes.Exists(d => d.InvoiceId == invoiceId && d.Status == DisputeStatus.Open);

    public PaymentPromise? OpenPromiseCovering(string invoiceId) =>
        State.Promises.Find(p => p.Status == PromiseStatus.Open && p.InvoiceIds.Contains(invoiceId));

    /// <summary>What the customer owes per currency: unpaid invoices and fees less unapplied credit.</summary>
    public IReadOnlyList<Money> Balances()
    {
        var currencies = State.Invoices.Select(i => i.Currency)
            .Concat(State.Fees.Select(f => f.Amount.Currency))
            .Concat(State.Credit.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return [.. currencies.Select(BalanceIn)];
    }

    /// <summary>What is unpaid in one currency, before credit: the sum <see cref="AccountLimits.MaxAccountAmount"/> bounds.</summary>
    public decimal OpenAmountIn(string currency) =>
        State.Invoices.Where(i => i.Currency == currency).Sum(i => i.Outstanding)
        + State.Fees.Where(f => f.Amount.Currency == currency).Sum(f => f.Outstanding);

    public Money BalanceIn(string currency) => new(OpenAmountIn(currency) - State.Credit.GetValueOrDefault(currency), currency);

    internal TimeZoneInfo Zone => ZoneTime.TryFind(State.Profile?.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    internal DateOnly LocalToday(DateTimeOffset now) => ZoneTime.LocalDate(now, Zone);

    private void RememberCommand(string commandId, string fingerprint, DateTimeOffset now)
    {
        var commands = State.ProcessedCommands;
        var forgetBefore = now.AddDays(-AccountLimits.CommandRetentionDays);
        for (var i = commands.Count - 1; i >= 0; i--)
        {
            // An entry stored before ids carried a time is dated now: it too is kept for a full window.
            if (commands[i].At is null)
            {
                commands[i] = commands[i] with { At = now };
            }
            else if (commands[i].At < forgetBefore)
            {
                commands.RemoveAt(i);
            }
        }

        AccountLimits.AddCapped(commands, new ProcessedCommand(commandId, fingerprint, now), AccountLimits.MaxProcessedCommands);
    }

    private static CommandResult.Rejected Reject(AccountCommand command, Problem problem) =>
        new(command.CommandId, problem.Field, problem.Message);

    private static CommandResult? AlreadyRecorded(AccountCommand command, string? existingFingerprint, string fingerprint, string what) =>
        existingFingerprint is null
            ? null
            : existingFingerprint == fingerprint
                ? new CommandResult.Duplicate(command.CommandId)
                : new CommandResult.Conflict(command.CommandId, $"{what} already exists with different content");

    private static CommandResult.Accepted Accept(AccountCommand command) => new(command.CommandId);
}
