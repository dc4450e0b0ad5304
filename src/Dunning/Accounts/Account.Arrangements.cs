namespace ArScale.Dunning;

public sealed partial class Account
{
    private CommandResult Handle(OpenDispute command, string fingerprint, DateTimeOffset now)
    {
        if (Problem.Id(command.DisputeId, "disputeId") is { } badId)
        {
            return Reject(command, badId);
        }

        if (AlreadyRecorded(command, State.Disputes.Find(d => d.Id == command.DisputeId)?.Fingerprint, fingerprint, $"dispute {command.DisputeId}") is { } known)
        {
            return known;
        }

        if ((ValidateDisputable(command.InvoiceId, "invoiceId") ?? Problem.Required(command.Reason, "reason")) is { } problem)
        {
            return Reject(command, problem);
        }

        State.Disputes.Add(new Dispute
        {
            Id = command.DisputeId,
            InvoiceId = command.InvoiceId,
            Reason = command.Reason,
            OpenedOn = LocalToday(now),
            Status = DisputeStatus.Open,
            Fingerprint = fingerprint,
        });
        return Accept(command);
    }

    private Problem? ValidateDisputable(string? invoiceId, string field)
    {
        var invoice = FindInvoice(invoiceId);
        if (invoice is null)
        {
            return new Problem(field, $"unknown invoice '{invoiceId}'");
        }

        if (!invoice.IsOpen)
        {
            return new Problem(field, $"invoice '{invoiceId}' is settled; there is nothing to dispute");
        }

        return HasOpenDispute(invoice.Id) ? new Problem(field, $"invoice '{invoiceId}' is already disputed") : null;
    }

    private CommandResult Handle(ResolveDispute command, DateTimeOffset now)
    {
        var dispute = State.Disputes.Find(d => d.Id == command.DisputeId);
        if (dispute is null)
        {
            return Reject(command, new Problem("disputeId", $"unknown dispute '{command.DisputeId}'"));
        }

        if (dispute.Status != DisputeStatus.Open)
        {
            return Reject(command, new Problem("disputeId", $"dispute '{command.DisputeId}' is already resolved"));
        }

        if (!Enum.IsDefined(command.Outcome))
        {
            return Reject(command, new Problem("outcome", $"'{command.Outcome}' is not an outcome"));
        }

        var invoice = FindInvoice(dispute.InvoiceId)!;
        var today = LocalToday(now);
        if (command.Outcome == DisputeOutcome.LenderFavour)
        {
            if (command.CreditAmount is not null)
            {
                return Reject(command, new Problem("creditAmount", "only a resolution in the customer's favour credits the invoice"));
            }

            dispute.Status = DisputeStatus.ResolvedForLender;
            dispute.ResolvedOn = today;
            State.History.DisputesLost++;
            return Accept(command);
        }

        var credit = command.CreditAmount ?? new Money(invoice.Outstanding, invoice.Currency);
        if (command.CreditAmount is { } stated)
        {
            var problem = Problem.PositiveMoney(stated, "creditAmount");
            if (problem is null && stated.Currency != invoice.Currency)
            {
                problem = new Problem("creditAmount.currency", $"the invoice is in {invoice.Currency}, not {stated.Currency}");
            }

            if (problem is null && stated.Amount > invoice.Outstanding)
            {
                problem = new Problem("creditAmount", $"{stated} is more than the {invoice.Outstanding} {invoice.Currency} still unpaid");
            }

            if (problem is { } p)
            {
                return Reject(command, p);
            }
        }

        Settle(invoice, credit.Amount, today, SettlementKind.Credit, null);
        dispute.Status = DisputeStatus.ResolvedForCustomer;
        dispute.ResolvedOn = today;
        dispute.Credited = credit.Amount;
        State.History.DisputesWon++;
        return Accept(command);
    }

    private CommandResult Handle(PromiseToPay command, string fingerprint, DateTimeOffset now)
    {
        if (Problem.Id(command.PromiseId, "promiseId") is { } badId)
        {
            return Reject(command, badId);
        }

        if (AlreadyRecorded(command, State.Promises.Find(p => p.Id == command.PromiseId)?.Fingerprint, fingerprint, $"promise {command.PromiseId}") is { } known)
        {
            return known;
        }

        if (Problem.PositiveMoney(command.Amount, "amount") is { } badAmount)
        {
            return Reject(command, badAmount);
        }

        var today = LocalToday(now);
        if (command.Date < today)
        {
            return Reject(command, new Problem("date", $"{command.Date:yyyy-MM-dd} is in the past"));
        }

        if (command.Date > today.AddDays(366))
        {
            return Reject(command, new Problem("date", "a promise more than a year ahead is a payment plan, not a promise"));
        }

        if (command.InvoiceIds is null || command.InvoiceIds.Count == 0)
        {
            return Reject(command, new Problem("invoiceIds", "a promise needs at least one invoice"));
        }

        for (var i = 0; i < command.InvoiceIds.Count; i++)
        {
            var invoice = FindInvoice(command.InvoiceIds[i]);
            var problem = invoice switch
            {
                null => $"unknown invoice '{command.InvoiceIds[i]}'",
                { IsOpen: false } => $"invoice '{invoice.Id}' is settled",
                _ when invoice.Currency != command.Amount.Currency => $"invoice '{invoice.Id}' is in {invoice.Currency}, the promise in {command.Amount.Currency}",
                _ when OpenPromiseCovering(invoice.Id) is { } other => $"invoice '{invoice.Id}' is already under promise '{other.Id}'",
                _ when command.InvoiceIds.Take(i).Contains(invoice.Id) => $"invoice '{invoice.Id}' is listed twice",
                _ => null,
            };
            if (problem is not null)
            {
                return Reject(command, new Problem($"invoiceIds[{i}]", problem));
            }
        }

        State.Promises.Add(new PaymentPromise
        {
            Id = command.PromiseId,
            Date = command.Date,
            Amount = command.Amount,
            InvoiceIds = [.. command.InvoiceIds],
            MadeOn = today,
            Status = PromiseStatus.Open,
            Fingerprint = fingerprint,
        });
        return Accept(command);
    }

    private CommandResult Handle(SetInstalmentPlan command)
    {
        var invoice = FindInvoice(command.InvoiceId);
        var problem = invoice switch
        {
            null => new Problem("invoiceId", $"unknown invoice '{command.InvoiceId}'"),
            { IsOpen: false } => new Problem("invoiceId", $"invoice '{invoice.Id}' is settled"),
            { Instalments.Count: > 0 } => new Problem("invoiceId", $"invoice '{invoice.Id}' already has an instalment plan"),
            _ when HasOpenDispute(invoice.Id) => new Problem("invoiceId", $"invoice '{invoice.Id}' is disputed; resolve the dispute first"),
            _ => Problem.Schedule(command.Instalments, invoice.Outstanding, invoice.Currency, invoice.IssueDate, AccountLimits.LatestDueDate(invoice.IssueDate), "instalments"),
        };
        if (problem is { } p)
        {
            return Reject(command, p);
        }

        invoice!.Instalments = Number(command.Instalments);
        invoice.PlanBase = invoice.Settled;
        return Accept(command);
    }

    private CommandResult Handle(ConfirmStatement command)
    {
        var statement = State.Statements.Find(s => s.Id == command.StatementId);
        if (statement is null)
        {
            return Reject(command, new Problem("statementId", $"unknown statement '{command.StatementId}'"));
        }

        if (statement.Status != StatementStatus.Issued)
        {
            return Reject(command, new Problem("statementId", $"statement '{statement.Id}' is already {statement.Status.ToString().ToLowerInvariant()}"));
        }

        statement.Status = StatementStatus.Confirmed;
        return Accept(command);
    }

    private CommandResult Handle(DisputeStatement command, DateTimeOffset now)
    {
        var statement = State.Statements.Find(s => s.Id == command.StatementId);
        if (statement is null)
        {
            return Reject(command, new Problem("statementId", $"unknown statement '{command.StatementId}'"));
        }

        if (statement.Status == StatementStatus.Confirmed)
        {
            return Reject(command, new Problem("statementId", $"statement '{statement.Id}' was confirmed"));
        }

        if (Problem.Required(command.Reason, "reason") is { } noReason)
        {
            return Reject(command, noReason);
        }

        if (command.InvoiceIds is null || command.InvoiceIds.Count == 0)
        {
            return Reject(command, new Problem("invoiceIds", "name at least one disputed item"));
        }

        for (var i = 0; i < command.InvoiceIds.Count; i++)
        {
            var field = $"invoiceIds[{i}]";
            if (!statement.InvoiceIds.Contains(command.InvoiceIds[i]))
            {
                return Reject(command, new Problem(field, $"'{command.InvoiceIds[i]}' is not on statement '{statement.Id}'"));
            }

            if (ValidateDisputable(command.InvoiceIds[i], field) is { } problem)
            {
                return Reject(command, problem);
            }
        }

        var today = LocalToday(now);
        foreach (var invoiceId in command.InvoiceIds.Distinct(StringComparer.Ordinal))
        {
            State.Disputes.Add(new Dispute
            {
                Id = $"{statement.Id}:{invoiceId}",
                InvoiceId = invoiceId,
                Reason = command.Reason,
                OpenedOn = today,
                Status = DisputeStatus.Open,
                StatementId = statement.Id,
            });
            statement.DisputedInvoiceIds.Add(invoiceId);
        }

        statement.Status = StatementStatus.Disputed;
        return Accept(command);
    }
}
