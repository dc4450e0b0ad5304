namespace ArScale.Dunning;

public sealed partial class Account
{
    /// <summary>
    /// Records a decision: stages reached, fees posted, notices and escalations logged, promises settled,
    /// statements issued, risk flags. Idempotent: every element is keyed by its deterministic id, and stage
    /// progress only moves forward, so applying the same decision twice changes nothing the second time.
    /// </summary>
    public void Apply(DunningDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.AccountId != Id)
        {
            throw new ArgumentException($"The decision is for account {decision.AccountId}, not {Id}.", nameof(decision));
        }

        foreach (var reached in decision.StagesReached)
        {
            var current = State.Progress.GetValueOrDefault(reached.ItemId);
            if (current is null || reached.OffsetDays > current.ReachedOffset)
            {
                State.Progress[reached.ItemId] = new StageProgress(reached.OffsetDays, reached.Stage, reached.On, reached.Stops || current?.Stopped == true);
            }
        }

        foreach (var fee in decision.Fees.Where(f => !State.Fees.Exists(existing => existing.Id == f.Id)))
        {
            State.Fees.Add(new Fee
            {
                Id = fee.Id,
                InvoiceId = fee.InvoiceId,
                ItemId = fee.ItemId,
                Stage = fee.Stage,
                Kind = fee.Kind,
                Amount = fee.Amount,
                PostedOn = fee.PostedOn,
            });
        }

        foreach (var notice in decision.Notices.Where(n => !State.Notices.Exists(existing => existing.Id == n.Id)))
        {
            AccountLimits.AddCapped(
                State.Notices,
                new NoticeRecord(notice.Id, notice.Stage, notice.Channel, [.. notice.Items.Select(i => i.ItemId)], notice.SendAt),
                AccountLimits.Notices);
        }

        foreach (var escalation in decision.Escalations.Where(e => !State.Escalations.Exists(existing => existing.Id == e.Id)))
        {
            AccountLimits.AddCapped(
                State.Escalations,
                new EscalationRecord(escalation.Id, escalation.Kind, escalation.Stage, escalation.CollectorId, escalation.FollowUpBy, escalation.ItemIds, decision.EvaluatedAt),
                AccountLimits.Escalations);
        }

        foreach (var resolved in decision.Promises)
        {
            if (State.Promises.Find(p => p.Id == resolved.PromiseId) is { Status: PromiseStatus.Open } promise)
            {
                promise.Status = resolved.Status;
                if (resolved.Status == PromiseStatus.Kept)
                {
                    State.History.PromisesKept++;
                }
                else
                {
                    State.History.PromisesBroken++;
                }
            }
        }

        foreach (var statement in decision.Statements.Where(s => !State.Statements.Exists(existing => existing.Id == s.Id)))
        {
            AccountLimits.AddCapped(
                State.Statements,
                new Statement
                {
                    Id = statement.Id,
                    Date = statement.Date,
                    PeriodStart = statement.PeriodStart,
                    InvoiceIds = [.. statement.Lines.Where(l => l.Kind == StatementLineKind.Invoice).Select(l => l.Id).Union(statement.OpenInvoiceIds, StringComparer.Ordinal)],
                    Status = StatementStatus.Issued,
                },
                AccountLimits.Statements);
            if (State.LastStatementDate is null || statement.Date > State.LastStatementDate)
            {
                State.LastStatementDate = statement.Date;
            }
        }

        State.Risk = decision.Risk;
        ForgetProgressOfSettledItems();
    }

    // A settled item never dunns again, so its progress is dead weight in a state a million accounts carry.
    private void ForgetProgressOfSettledItems()
    {
        var open = OpenItems().Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var itemId in State.Progress.Keys.Where(k => !open.Contains(k)).ToList())
        {
            State.Progress.Remove(itemId);
        }
    }
}
