namespace ArScale.Dunning;

internal sealed partial class Evaluation
{
    /// <summary>
    /// Monthly-settlement accounts get one statement per statement day, inside the send window, listing the
    /// period's activity. A statement day missed while the system was down is issued late, once; an account
    /// with no activity and nothing open gets none.
    /// </summary>
    private void IssueStatement()
    {
        if (profile!.Terms is not { Kind: PaymentTermsKind.MonthlySettlement, StatementDay: { } day })
        {
            return;
        }

        var opened = ZoneTime.LocalDate(state.OpenedAt ?? now, zone);
        var latest = StatementDates.OnOrBefore(today, day);
        var previous = state.LastStatementDate;
        if (latest > (previous ?? DateOnly.MinValue) && latest >= opened)
        {
            var periodStart = previous?.AddDays(1) ?? DateOnly.MinValue;
            var lines = LinesBetween(periodStart, latest);
            var open = state.Invoices.Where(i => i.IsOpen && i.IssueDate <= latest).Select(i => i.Id).ToList();
            if (lines.Count > 0 || open.Count > 0)
            {
                if (windowOpen)
                {
                    statements.Add(new StatementDue(
                        DunningIds.Statement(account.Id, latest),
                        latest,
                        previous?.AddDays(1) ?? lines.Select(l => l.Date).DefaultIfEmpty(latest).Min(),
                        lines,
                        open,
                        account.Balances(),
                        [.. profile.AddressesFor(ContactKind.Email)],
                        profile.Locale));
                }
                else
                {
                    Consider(window.NextOpening(now, zone));
                }
            }
        }

        var coming = StatementDates.OnOrAfter(today.AddDays(1), day);
        if (state.Invoices.Exists(i => i.IsOpen) || LinesBetween(latest.AddDays(1), coming).Count > 0)
        {
            Consider(window.NextOpening(ZoneTime.StartOfDay(coming, zone), zone));
        }
    }

    private List<StatementLine> LinesBetween(DateOnly from, DateOnly to)
    {
        bool Within(DateOnly date) => date >= from && date <= to;
        return
        [
            .. state.Invoices.Where(i => Within(i.IssueDate)).Select(i => new StatementLine(StatementLineKind.Invoice, i.Id, i.IssueDate, i.Amount, i.Id)),
            .. state.Payments.Where(p => Within(p.Date)).Select(p => new StatementLine(StatementLineKind.Payment, p.Id, p.Date, p.Amount, p.InvoiceId)),
            .. state.CreditNotes.Where(c => Within(c.Date)).Select(c => new StatementLine(StatementLineKind.CreditNote, c.Id, c.Date, c.Amount, c.InvoiceId)),
            .. state.WriteOffs.Where(w => Within(w.Date)).Select(w => new StatementLine(StatementLineKind.WriteOff, w.Id, w.Date, w.Amount, w.InvoiceId)),
            .. state.Fees.Where(f => Within(f.PostedOn)).Select(f => new StatementLine(StatementLineKind.Fee, f.Id, f.PostedOn, f.Amount, f.InvoiceId)),
        ];
    }
}
