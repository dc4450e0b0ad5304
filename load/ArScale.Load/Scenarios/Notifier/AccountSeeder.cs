using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Load.Infrastructure;

namespace ArScale.Load.Scenarios.Notifier;

/// <summary>
/// Accounts the notices can be checked against, created through the account grains as the Gateway would: a profile
/// with an e-mail contact, then open invoices due in 30 days, so the account owes no notice of its own during the run
/// and every notice the run publishes is still valid when the Notifier asks (the shape of the integration tests'
/// <c>NotifierSystem.CreateAccountAsync</c>).
/// </summary>
public static class AccountSeeder
{
    public const int Parallelism = 32;

    public static string AccountId(string runId, int index) => $"load-{runId}-{index:00000}";

    public static string Recipient(string accountId) => $"{accountId}@load.example.test";

    public static string InvoiceId(int invoice) => $"inv-{invoice}";

    public static Money InvoiceAmount(int invoice) => new(120.5m * invoice, "EUR");

    public static async Task SeedAsync(IGrainFactory grains, IReadOnlyList<string> accountIds, int invoicesPerAccount, Action accountDone, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(accountIds, options, async (accountId, _) =>
        {
            var account = grains.GetGrain<IAccountGrain>(accountId);
            var profile = new AccountProfile(
                "Anna Müller", [new Contact(ContactKind.Email, Recipient(accountId)), new Contact(ContactKind.Phone, "+49 170 1234567")],
                "en", "Europe/Berlin", Segment.Standard, null, PaymentTerms.NetDaysFromIssue(30));
            Expect(accountId, await account.Execute(new UpsertProfile($"{accountId}:profile", profile)));
            for (var invoice = 1; invoice <= invoicesPerAccount; invoice++)
            {
                Expect(accountId, await account.Execute(
                    new IssueInvoice($"{accountId}:invoice-{invoice}", InvoiceId(invoice), InvoiceAmount(invoice), today, today.AddDays(30))));
            }

            accountDone();
        });
    }

    private static void Expect(string accountId, CommandResult result)
    {
        if (result is not (CommandResult.Accepted or CommandResult.Duplicate))
        {
            throw new LoadFailedException($"account {accountId} refused a set-up command: {result}");
        }
    }
}
