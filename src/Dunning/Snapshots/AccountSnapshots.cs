namespace ArScale.Dunning;

public static class AccountSnapshots
{
    public static AccountSnapshot Of(Account account, DunningPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(policy);
        var state = account.State;
        var today = account.LocalToday(now);
        var evaluation = new Evaluation(account, policy, now);
        var decision = evaluation.Decide();
        return new AccountSnapshot(
            account.Id,
            state.Profile,
            policy.Key,
            account.Balances(),
            [.. state.Credit.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new Money(c.Value, c.Key))],
            [.. state.Invoices.Select(i => View(account, evaluation, i, today))],
            AgingReport.Of(account, today),
            evaluation.CurrentScore(),
            state.Risk,
            decision.NextActionAt,
            state.Fees,
            state.Disputes,
            state.Promises,
            state.Statements,
            state.Notices,
            state.Escalations,
            state.Contacts,
            state.Notes,
            state.Pause,
            state.PauseHistory);
    }

    private static InvoiceView View(Account account, Evaluation evaluation, Invoice invoice, DateOnly today)
    {
        var status = invoice switch
        {
            { IsOpen: true } when account.HasOpenDispute(invoice.Id) => InvoiceStatus.Disputed,
            { IsOpen: true } when account.OpenPromiseCovering(invoice.Id) is not null => InvoiceStatus.Promised,
            { IsOpen: true } => InvoiceStatus.Open,
            { WrittenOff: > 0 } => InvoiceStatus.WrittenOff,
            { Paid: 0 } => InvoiceStatus.Credited,
            _ => InvoiceStatus.Paid,
        };
        var items = invoice.Items()
            .Select(item =>
            {
                var outlook = evaluation.Outlook(item);
                return new ItemView(item.Id, item.DueDate, item.Amount, item.Outstanding, item.DaysPastDue(today),
                    outlook.ReachedStage, outlook.NextStage, outlook.NextStageAt, outlook.PausedBecause);
            })
            .ToList();
        return new InvoiceView(invoice.Id, invoice.Amount, new Money(invoice.Outstanding, invoice.Currency), invoice.IssueDate, invoice.DueDate, status, items);
    }
}
