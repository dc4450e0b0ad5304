using ArScale.Contracts.Accounts;
using ArScale.Dunning;
using ArScale.Silo.Accounts;

namespace ArScale.Silo.Tests.Accounts;

/// <summary>What the grain tests do to an account: open a fresh one, and fire its reminder as the reminder service would.</summary>
public static class AccountGrainSteps
{
    /// <summary>A new account with a profile (e-mail contact, London, net 30), under an id no other test uses.</summary>
    public static async Task<(IAccountGrain Grain, string Id)> NewAccountAsync(this IGrainFactory grains)
    {
        var id = $"acc-{Guid.NewGuid():N}";
        var account = grains.GetGrain<IAccountGrain>(id);
        var profile = new AccountProfile("Ada Customer", [new Contact(ContactKind.Email, "ada@example.test")], "en", "Europe/London", Segment.Standard, null, PaymentTerms.NetDaysFromIssue(30));
        Assert.IsType<CommandResult.Accepted>(await account.Execute(new UpsertProfile($"profile-{id}", profile)));
        return (account, id);
    }

    /// <summary>What the reminder service does when the account's reminder comes due.</summary>
    public static async Task TickAsync(this IAccountGrain account, int times = 1)
    {
        var remindable = account.AsReference<IRemindable>();
        for (var i = 0; i < times; i++)
        {
            await remindable.ReceiveReminder(AccountGrain.ReminderName, new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(5), DateTime.UtcNow));
        }
    }
}
