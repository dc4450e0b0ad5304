using ArScale.Dunning;

namespace ArScale.AppHost.Demo;

/// <summary>
/// What the silos will decide about a demo portfolio, worked out with the same domain code (each account built
/// from the same commands the API receives, then <see cref="PolicyEvaluator.Evaluate"/>): the e-mails due the
/// moment the invoices arrive, and those due when a send window opens within the hour.
/// </summary>
public sealed record DemoForecast(int EmailsNow, int AccountsNow, IReadOnlyDictionary<string, int> EmailsNowByStage, int EmailsWithinHour, TimeSpan? FirstOpening)
{
    public static DemoForecast Of(DemoPortfolio portfolio, PolicyCatalog policies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(policies);
        var byAccount = portfolio.Invoices.ToLookup(invoice => invoice.AccountId, StringComparer.Ordinal);
        var paymentsByAccount = portfolio.Payments.ToLookup(payment => payment.AccountId, StringComparer.Ordinal);
        var byStage = new Dictionary<string, int>(StringComparer.Ordinal);
        int emailsNow = 0, accountsNow = 0, emailsSoon = 0;
        TimeSpan? firstOpening = null;
        foreach (var demo in portfolio.Accounts)
        {
            var account = Build(demo, byAccount[demo.AccountId], paymentsByAccount[demo.AccountId], now);
            var policy = policies.For(account.Profile!)!;
            if (demo.WindowOpensAt <= now)
            {
                var emails = Emails(PolicyEvaluator.Evaluate(account, policy, now));
                emailsNow += emails.Count;
                accountsNow += emails.Count > 0 ? 1 : 0;
                foreach (var notice in emails)
                {
                    byStage[notice.Stage] = byStage.GetValueOrDefault(notice.Stage) + 1;
                }
            }
            else if (demo.WindowOpensAt - now <= PortfolioGenerator.SoonHorizon)
            {
                var emails = Emails(PolicyEvaluator.Evaluate(account, policy, demo.WindowOpensAt)).Count;
                emailsSoon += emails;
                if (emails > 0 && (firstOpening is null || demo.WindowOpensAt - now < firstOpening))
                {
                    firstOpening = demo.WindowOpensAt - now;
                }
            }
        }

        return new DemoForecast(emailsNow, accountsNow, byStage, emailsSoon, firstOpening);
    }

    /// <summary>The account as the grain will hold it once the seeder's commands are applied.</summary>
    public static Account Build(DemoAccount demo, IEnumerable<DemoInvoice> invoices, IEnumerable<DemoPayment> payments, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var account = new Account(demo.AccountId);
        Require(account.Execute(new UpsertProfile($"profile:{demo.AccountId}", Profile(demo)), now), demo.AccountId);
        foreach (var invoice in invoices)
        {
            Require(account.Execute(new IssueInvoice($"invoice:{invoice.InvoiceId}", invoice.InvoiceId, new Money(invoice.Amount, invoice.Currency), invoice.IssueDate, invoice.DueDate), now), invoice.InvoiceId);
        }

        foreach (var payment in payments)
        {
            Require(account.Execute(new RecordPayment($"payment:{payment.PaymentId}", payment.PaymentId, new Money(payment.Amount, payment.Currency), payment.Date, payment.InvoiceId), now), payment.PaymentId);
        }

        return account;
    }

    public static AccountProfile Profile(DemoAccount demo)
    {
        ArgumentNullException.ThrowIfNull(demo);
        List<Contact> contacts = [new(ContactKind.Email, demo.Email, demo.Name)];
        if (demo.Phone is { } phone)
        {
            contacts.Add(new Contact(ContactKind.Phone, phone, demo.Name));
        }

        var segment = Enum.GetValues<Segment>().Single(value => PortfolioGenerator.SegmentName(value) == demo.Segment);
        return new AccountProfile(demo.Name, contacts, demo.Locale, demo.TimeZone, segment, null, PaymentTerms.NetDaysFromIssue(demo.NetDays));
    }

    private static List<NoticeDue> Emails(DunningDecision decision) => [.. decision.Notices.Where(notice => notice.Channel == Channel.Email)];

    private static void Require(CommandResult result, string id)
    {
        if (!result.ChangedState)
        {
            throw new InvalidOperationException($"The demo generator made a write the account refuses ({id}): {result}");
        }
    }
}
