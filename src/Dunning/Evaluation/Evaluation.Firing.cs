namespace ArScale.Dunning;

internal sealed partial class Evaluation
{
    private void Fire(DunningStage stage, string groupKey, DunnableItem item, bool notify, DateOnly? anchor = null, bool recordsProgress = true)
    {
        var group = groups.Find(g => g.Key == groupKey);
        if (group is null)
        {
            group = new FiringGroup(stage, groupKey, anchor, recordsProgress);
            groups.Add(group);
        }

        group.Members.Add((item, notify));
    }

    private (List<NoticeDue>, List<FeeDue>, List<EscalationDue>, List<StageReached>) Build()
    {
        var notices = new List<NoticeDue>();
        var fees = new List<FeeDue>();
        var escalations = new List<EscalationDue>();
        var reached = new List<StageReached>();
        foreach (var group in groups)
        {
            var stage = group.Stage;
            var items = group.Members.Select(m => m.Item).ToList();
            var groupId = DunningIds.Firing(account.Id, stage.Name, items.Select(i => i.Id), group.GroupAnchor);
            foreach (var item in items)
            {
                var itemId = DunningIds.Firing(account.Id, stage.Name, [item.Id], group.AnchorFor(item));
                if (group.RecordsProgress)
                {
                    reached.Add(new StageReached(itemId, item.Id, item.InvoiceId, stage.Name, stage.OffsetDays, stage.Stops, today));
                }

                fees.AddRange(FeesFor(stage, item, itemId));
            }

            var notified = group.Members.Where(m => m.Notify).Select(m => m.Item).ToList();
            if (!doNotContact && notified.Count > 0)
            {
                var noticeGroupId = notified.Count == items.Count
                    ? groupId
                    : DunningIds.Firing(account.Id, stage.Name, notified.Select(i => i.Id), group.GroupAnchor);
                notices.AddRange(NoticesFor(stage, notified, noticeGroupId));
            }

            escalations.AddRange(EscalationsFor(stage, items, groupId));
        }

        return (notices, fees, escalations, reached);
    }

    private IEnumerable<NoticeDue> NoticesFor(DunningStage stage, List<DunnableItem> items, string groupId)
    {
        var lines = items
            .Select(i => new NoticeItem(i.Id, i.InvoiceId, i.DueDate, i.Outstanding, i.DaysPastDue(today)))
            .ToList();
        foreach (var channel in stage.Channels)
        {
            List<string> recipients = channel switch
            {
                Channel.Email => [.. profile!.AddressesFor(ContactKind.Email)],
                Channel.Sms => [.. profile!.AddressesFor(ContactKind.Phone)],
                _ => [],
            };

            // A channel the customer gave no address for is skipped rather than sent into the void.
            if (channel is Channel.Email or Channel.Sms && recipients.Count == 0)
            {
                continue;
            }

            yield return new NoticeDue(
                DunningIds.Notice(groupId, channel),
                account.Id,
                stage.Name,
                stage.TemplateKey!,
                channel,
                recipients,
                profile!.Locale,
                profile.Name,
                lines,
                now);
        }
    }

    private IEnumerable<FeeDue> FeesFor(DunningStage stage, DunnableItem item, string itemFiringId)
    {
        var currency = item.Currency;
        var unpaid = item.Outstanding.Amount;
        foreach (var action in stage.Actions)
        {
            var (kind, amount) = action switch
            {
                FlatFee flat => (FeeKind.FlatFee, flat.Amounts.GetValueOrDefault(currency)),
                PercentageFee percentage => (FeeKind.PercentageFee, unpaid * percentage.Percent / 100m),
                DailyInterest interest => (FeeKind.Interest, unpaid * interest.AnnualRatePercent / 100m * Math.Max(0, item.DaysPastDue(today)) / 365m),
                _ => ((FeeKind?)null, 0m),
            };
            if (kind is not { } feeKind)
            {
                continue;
            }

            var rounded = Currencies.Round(amount, currency);
            var id = DunningIds.Fee(itemFiringId, feeKind);
            if (rounded > 0 && !state.Fees.Exists(f => f.Id == id))
            {
                yield return new FeeDue(id, item.InvoiceId, item.Id, stage.Name, feeKind, new Money(rounded, currency), today);
            }
        }
    }

    private IEnumerable<EscalationDue> EscalationsFor(DunningStage stage, List<DunnableItem> items, string groupId)
    {
        var ids = items.Select(i => i.Id).ToList();
        var exposure = items
            .GroupBy(i => i.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Money(g.Sum(i => i.Outstanding.Amount), g.Key))
            .ToList();
        foreach (var action in stage.Actions)
        {
            switch (action)
            {
                case CollectorTask task:
                    var kind = task.Mode == CollectorTaskMode.Assign ? EscalationKind.CollectorTask : EscalationKind.CollectorNotification;
                    yield return new EscalationDue(
                        DunningIds.Escalation(groupId, kind), kind, stage.Name, profile!.CollectorId, today.AddDays(task.FollowUpDays), ids, exposure);
                    break;
                case LegalEscalation:
                    yield return new EscalationDue(
                        DunningIds.Escalation(groupId, EscalationKind.Legal), EscalationKind.Legal, stage.Name, profile!.CollectorId, null, ids, exposure);
                    break;
            }
        }
    }
}
