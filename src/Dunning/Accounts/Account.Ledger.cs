namespace ArScale.Dunning;

public sealed partial class Account
{
    private CommandResult Handle(IssueInvoice command, string fingerprint, DateTimeOffset now)
    {
        if (Problem.Id(command.InvoiceId, "invoiceId") is { } badId)
        {
            return Reject(command, badId);
        }

        if (AlreadyRecorded(command, FindInvoice(command.InvoiceId)?.Fingerprint, fingerprint, $"invoice {command.InvoiceId}") is { } known)
        {
            return known;
        }

        var amountProblem = Problem.PositiveMoney(command.Amount, "amount")
            ?? Problem.AccountTotal(OpenAmountIn(command.Amount.Currency) + command.Amount.Amount, command.Amount.Currency, "open amount", "amount");
        if (amountProblem is { } badAmount)
        {
            return Reject(command, badAmount);
        }

        var today = LocalToday(now);
        if (Problem.DateWithin(command.IssueDate, AccountLimits.EarliestDate(today), AccountLimits.LatestIssueDate(today), "issueDate") is { } badIssueDate)
        {
            return Reject(command, badIssueDate);
        }

        var dueDate = command.DueDate ?? State.Profile!.Terms.DueDateFor(command.IssueDate);
        if (dueDate < command.IssueDate)
        {
            return Reject(command, new Problem("dueDate", $"{dueDate:yyyy-MM-dd} is before the issue date {command.IssueDate:yyyy-MM-dd}"));
        }

        var latestDue = AccountLimits.LatestDueDate(command.IssueDate);
        if (dueDate > latestDue)
        {
            return Reject(command, new Problem("dueDate", $"{dueDate:yyyy-MM-dd} is more than {AccountLimits.MaxYearsToDue} years after the issue date"));
        }

        if (command.Instalments is not null
            && Problem.Schedule(command.Instalments, command.Amount.Amount, command.Amount.Currency, command.IssueDate, latestDue, "instalments") is { } badPlan)
        {
            return Reject(command, badPlan);
        }

        var invoice = new Invoice
        {
            Id = command.InvoiceId,
            Amount = command.Amount,
            IssueDate = command.IssueDate,
            DueDate = command.Instalments is { Count: > 0 } plan ? plan[^1].DueDate : dueDate,
            Instalments = command.Instalments is null ? null : Number(command.Instalments),
            Fingerprint = fingerprint,
        };
        State.Invoices.Add(invoice);

        var credit = State.Credit.GetValueOrDefault(invoice.Currency);
        if (credit > 0)
        {
            var used = Math.Min(credit, invoice.Outstanding);
            SetCredit(invoice.Currency, credit - used);
            Settle(invoice, used, command.IssueDate, SettlementKind.Payment, paymentId: null);
        }

        return Accept(command);
    }

    private CommandResult Handle(RecordPayment command, string fingerprint, DateTimeOffset now)
    {
        if (Problem.Id(command.PaymentId, "paymentId") is { } badId)
        {
            return Reject(command, badId);
        }

        if (AlreadyRecorded(command, State.Payments.Find(p => p.Id == command.PaymentId)?.Fingerprint, fingerprint, $"payment {command.PaymentId}") is { } known)
        {
            return known;
        }

        if (ValidateReceipt(command.Amount, command.InvoiceId, "amount", "invoiceId") is { } problem)
        {
            return Reject(command, problem);
        }

        var today = LocalToday(now);
        if (command.Date > today)
        {
            return Reject(command, new Problem("date", $"{command.Date:yyyy-MM-dd} is in the future"));
        }

        if (Problem.DateWithin(command.Date, AccountLimits.EarliestDate(today), today, "date") is { } badDate)
        {
            return Reject(command, badDate);
        }

        var payment = new Payment
        {
            Id = command.PaymentId,
            Amount = command.Amount,
            Date = command.Date,
            InvoiceId = command.InvoiceId,
            Fingerprint = fingerprint,
        };
        Distribute(command.Amount, command.Date, command.InvoiceId, SettlementKind.Payment, payment.Id, payment.Allocations);
        State.Payments.Add(payment);
        return Accept(command);
    }

    private CommandResult Handle(IssueCreditNote command, string fingerprint, DateTimeOffset now)
    {
        if (Problem.Id(command.CreditNoteId, "creditNoteId") is { } badId)
        {
            return Reject(command, badId);
        }

        if (AlreadyRecorded(command, State.CreditNotes.Find(c => c.Id == command.CreditNoteId)?.Fingerprint, fingerprint, $"credit note {command.CreditNoteId}") is { } known)
        {
            return known;
        }

        var problem = ValidateReceipt(command.Amount, command.InvoiceId, "amount", "invoiceId")
            ?? ValidateBookingDate(command.Date, now)
            ?? Problem.Required(command.Reason, "reason");
        if (problem is { } p)
        {
            return Reject(command, p);
        }

        var note = new CreditNote
        {
            Id = command.CreditNoteId,
            Amount = command.Amount,
            Date = command.Date,
            InvoiceId = command.InvoiceId,
            Reason = command.Reason,
            Fingerprint = fingerprint,
        };
        Distribute(command.Amount, command.Date, command.InvoiceId, SettlementKind.Credit, null, note.Allocations);
        State.CreditNotes.Add(note);
        return Accept(command);
    }

    private CommandResult Handle(WriteOffInvoice command, string fingerprint, DateTimeOffset now)
    {
        if (Problem.Id(command.WriteOffId, "writeOffId") is { } badId)
        {
            return Reject(command, badId);
        }

        if (AlreadyRecorded(command, State.WriteOffs.Find(w => w.Id == command.WriteOffId)?.Fingerprint, fingerprint, $"write-off {command.WriteOffId}") is { } known)
        {
            return known;
        }

        var invoice = FindInvoice(command.InvoiceId);
        if (invoice is null)
        {
            return Reject(command, new Problem("invoiceId", $"unknown invoice '{command.InvoiceId}'"));
        }

        if (!invoice.IsOpen)
        {
            return Reject(command, new Problem("invoiceId", $"invoice '{command.InvoiceId}' has nothing left to write off"));
        }

        if ((ValidateBookingDate(command.Date, now) ?? Problem.Required(command.Reason, "reason")) is { } badInput)
        {
            return Reject(command, badInput);
        }

        var amount = command.Amount ?? new Money(invoice.Outstanding, invoice.Currency);
        if (command.Amount is { } stated)
        {
            var problem = Problem.PositiveMoney(stated, "amount");
            if (problem is null && stated.Currency != invoice.Currency)
            {
                problem = new Problem("amount.currency", $"the invoice is in {invoice.Currency}, not {stated.Currency}");
            }

            if (problem is null && stated.Amount > invoice.Outstanding)
            {
                problem = new Problem("amount", $"{stated} is more than the {invoice.Outstanding} {invoice.Currency} still unpaid");
            }

            if (problem is { } p)
            {
                return Reject(command, p);
            }
        }

        Settle(invoice, amount.Amount, command.Date, SettlementKind.WriteOff, null);
        State.WriteOffs.Add(new WriteOff
        {
            Id = command.WriteOffId,
            InvoiceId = invoice.Id,
            Amount = amount,
            Date = command.Date,
            Reason = command.Reason,
            Fingerprint = fingerprint,
        });
        return Accept(command);
    }

    /// <summary>A credit note or write-off date: within the bounds of an issue date.</summary>
    private Problem? ValidateBookingDate(DateOnly date, DateTimeOffset now)
    {
        var today = LocalToday(now);
        return Problem.DateWithin(date, AccountLimits.EarliestDate(today), AccountLimits.LatestIssueDate(today), "date");
    }

    private Problem? ValidateReceipt(Money amount, string? invoiceId, string amountField, string invoiceField)
    {
        // Conservative on purpose: were none of it owed, all of it would become credit.
        var bad = Problem.PositiveMoney(amount, amountField)
            ?? Problem.AccountTotal(State.Credit.GetValueOrDefault(amount.Currency) + amount.Amount, amount.Currency, "possible credit", amountField);
        if (bad is not null)
        {
            return bad;
        }

        if (!State.Invoices.Exists(i => i.Currency == amount.Currency))
        {
            return new Problem($"{amountField}.currency", $"the account has never been invoiced in {amount.Currency}");
        }

        if (invoiceId is null)
        {
            return null;
        }

        var invoice = FindInvoice(invoiceId);
        if (invoice is null)
        {
            return new Problem(invoiceField, $"unknown invoice '{invoiceId}'");
        }

        return invoice.Currency == amount.Currency
            ? null
            : new Problem($"{amountField}.currency", $"invoice '{invoiceId}' is in {invoice.Currency}, not {amount.Currency}");
    }

    /// <summary>
    /// A targeted receipt settles its invoice first; whatever is left (or all of an untargeted one) goes to the
    /// earliest-due open item of an undisputed invoice, then to fees, and the rest is kept as credit.
    /// </summary>
    private void Distribute(Money amount, DateOnly date, string? invoiceId, SettlementKind kind, string? paymentId, List<Allocation> allocations)
    {
        var left = amount.Amount;
        if (FindInvoice(invoiceId) is { IsOpen: true } target)
        {
            var take = Math.Min(left, target.Outstanding);
            Settle(target, take, date, kind, paymentId);
            allocations.Add(new Allocation(AllocationTarget.Invoice, target.Id, take));
            left -= take;
        }

        while (left > 0 && OldestDueOpenItem(amount.Currency) is { } next)
        {
            var invoice = FindInvoice(next.InvoiceId)!;
            var take = Math.Min(left, next.Outstanding.Amount);
            Settle(invoice, take, date, kind, paymentId);
            allocations.Add(new Allocation(AllocationTarget.Invoice, invoice.Id, take));
            left -= take;
        }

        foreach (var fee in State.Fees.Where(f => f.Amount.Currency == amount.Currency && f.Outstanding > 0).OrderBy(f => f.PostedOn).ThenBy(f => f.Id, StringComparer.Ordinal))
        {
            if (left <= 0)
            {
                break;
            }

            var take = Math.Min(left, fee.Outstanding);
            fee.Paid += take;
            allocations.Add(new Allocation(AllocationTarget.Fee, fee.Id, take));
            left -= take;
        }

        if (left > 0)
        {
            SetCredit(amount.Currency, State.Credit.GetValueOrDefault(amount.Currency) + left);
            allocations.Add(new Allocation(AllocationTarget.Credit, null, left));
        }
    }

    private DunnableItem? OldestDueOpenItem(string currency) =>
        State.Invoices
            .Where(i => i.Currency == currency && i.IsOpen && !HasOpenDispute(i.Id))
            .Select(i => (Invoice: i, Item: i.Items().First(item => item.IsOpen)))
            .OrderBy(x => x.Item.DueDate)
            .ThenBy(x => x.Invoice.IssueDate)
            .ThenBy(x => x.Invoice.Id, StringComparer.Ordinal)
            .Select(x => x.Item)
            .FirstOrDefault();

    private void Settle(Invoice invoice, decimal amount, DateOnly date, SettlementKind kind, string? paymentId)
    {
        if (amount <= 0)
        {
            return;
        }

        var before = invoice.Items();
        switch (kind)
        {
            case SettlementKind.Payment:
                invoice.Paid += amount;
                break;
            case SettlementKind.Credit:
                invoice.Credited += amount;
                break;
            default:
                invoice.WrittenOff += amount;
                break;
        }

        if (kind != SettlementKind.Payment)
        {
            return;
        }

        var after = invoice.Items();
        for (var i = 0; i < before.Count; i++)
        {
            if (before[i].IsOpen && !after[i].IsOpen)
            {
                State.History.RecordItemPaid(Math.Max(0, date.DayNumber - before[i].DueDate.DayNumber));
            }
        }

        if (paymentId is not null && OpenPromiseCovering(invoice.Id) is { } promise)
        {
            promise.Receipts.Add(new PromiseReceipt(paymentId, date, amount));
        }
    }

    private void SetCredit(string currency, decimal amount)
    {
        if (amount > 0)
        {
            State.Credit[currency] = amount;
        }
        else
        {
            State.Credit.Remove(currency);
        }
    }

    private static List<Instalment> Number(IReadOnlyList<InstalmentSpec> specs) =>
        [.. specs.Select((s, i) => new Instalment(i + 1, s.DueDate, s.Amount))];

    private enum SettlementKind
    {
        Payment,
        Credit,
        WriteOff,
    }
}
