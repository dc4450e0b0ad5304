namespace ArScale.Dunning.Tests.Support;

public sealed class AccountBuilder(string id)
{
    public const string DefaultZone = "Europe/London";

    private readonly List<Action<Account>> steps = [];
    private readonly List<Contact> contacts = [new(ContactKind.Email, "ap@customer.example"), new(ContactKind.Phone, "+44 20 7946 0000")];
    private string zone = DefaultZone;
    private string locale = "en";
    private Segment segment = Segment.Standard;
    private PaymentTerms terms = PaymentTerms.NetDaysFromIssue(30);
    private AccountFlags flags = AccountFlags.None;
    private Money? creditLimit;
    private DateTimeOffset openedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private int commands;

    public AccountBuilder InZone(string timeZone)
    {
        zone = timeZone;
        return this;
    }

    public AccountBuilder InLocale(string value)
    {
        locale = value;
        return this;
    }

    public AccountBuilder InSegment(Segment value)
    {
        segment = value;
        return this;
    }

    public AccountBuilder OpenedAt(DateTimeOffset value)
    {
        openedAt = value;
        return this;
    }

    public AccountBuilder OnMonthlySettlement(int statementDay, int daysAfterStatement = 15)
    {
        terms = PaymentTerms.Monthly(statementDay, daysAfterStatement);
        return this;
    }

    public AccountBuilder WithFlags(AccountFlags value)
    {
        flags = value;
        return this;
    }

    public AccountBuilder WithCreditLimit(decimal amount, string currency = "EUR")
    {
        creditLimit = new Money(amount, currency);
        return this;
    }

    public AccountBuilder WithInvoice(string invoiceId, decimal amount, string due, string currency = "EUR", string? issued = null)
    {
        var dueDate = Builders.Day(due);
        var issueDate = issued is null ? dueDate.AddDays(-30) : Builders.Day(issued);
        steps.Add(a => a.Do(new IssueInvoice(NextCommandId(), invoiceId, new Money(amount, currency), issueDate, dueDate), EndOf(issueDate)));
        return this;
    }

    public AccountBuilder WithInstalmentInvoice(string invoiceId, string issued, params (string Due, decimal Amount)[] instalments)
    {
        var plan = instalments.Select(i => new InstalmentSpec(Builders.Day(i.Due), i.Amount)).ToList();
        var issueDate = Builders.Day(issued);
        steps.Add(a => a.Do(new IssueInvoice(NextCommandId(), invoiceId, Builders.Eur(plan.Sum(p => p.Amount)), issueDate, Instalments: plan), EndOf(issueDate)));
        return this;
    }

    public AccountBuilder WithPayment(string paymentId, decimal amount, string date, string? invoiceId = null, string currency = "EUR")
    {
        var day = Builders.Day(date);
        steps.Add(a => a.Do(new RecordPayment(NextCommandId(), paymentId, new Money(amount, currency), day, invoiceId), EndOf(day)));
        return this;
    }

    public AccountBuilder WithDispute(string disputeId, string invoiceId) => With(new OpenDispute(NextCommandId(), disputeId, invoiceId, "goods not received"), openedAt);

    public AccountBuilder With(AccountCommand command, DateTimeOffset now)
    {
        steps.Add(a => a.Do(command, now));
        return this;
    }

    public AccountProfile Profile() =>
        new("Customer Ltd", [.. contacts], locale, zone, segment, creditLimit, terms, "collector-7", flags);

    public Account Build()
    {
        var account = new Account(id);
        account.Do(new UpsertProfile("profile-1", Profile()), openedAt);
        foreach (var step in steps)
        {
            step(account);
        }

        return account;
    }

    private string NextCommandId() => $"cmd-{++commands}";

    private static DateTimeOffset EndOf(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero);
}
