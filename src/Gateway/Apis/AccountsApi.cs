using ArScale.Contracts.Accounts;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Billing.Requests;
using ArScale.Gateway.Security;

namespace ArScale.Gateway.Apis;

/// <summary>Accounts: create or replace profiles (one or in bulk), read an account and its history.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");

        accounts.MapPut("/{accountId}", (HttpRequest request, string accountId, SingleWrite write) =>
                write.HandleAsync<AccountRequest>(request, accountId, body => body.ToCommand()))
            .WithSummary("Create or replace an account's profile")
            .Accepts<AccountRequest>("application/json")
            .RequireScope(Scopes.BillingWrite);

        accounts.MapPost("/batch", (HttpContext context, BatchEndpoint batch, AccountWrites writes) =>
                batch.HandleAsync<AccountBatchRequest>(context, request => request.Accounts.Count, async (request, cancellationToken) =>
                {
                    var items = request.Accounts.Select(account => account.ToWrite()).ToList();
                    var outcomes = await writes.ExecuteBatchAsync(items, cancellationToken);
                    return BatchAnswer.Of(items, outcomes, index => request.Accounts[index].AccountId);
                }))
            .WithSummary("Create or replace up to 1,000 accounts; answered per account")
            .Accepts<AccountBatchRequest>("application/json")
            .RequireScope(Scopes.BillingWrite);

        accounts.MapGet("/{accountId}", async (string accountId, IGrainFactory grains) =>
                await grains.GetGrain<IAccountGrain>(accountId).GetSnapshot() is { Profile: not null } snapshot
                    ? Results.Json(snapshot with { Notices = [], Escalations = [], Contacts = [], Notes = [] }, JsonBody.Options)
                    : UnknownAccount(accountId))
            .WithSummary("The account now: balances, invoices with stage and next action, aging, disputes, promises, statements")
            .RequireScope(Scopes.ReportsRead);

        accounts.MapGet("/{accountId}/history", async (string accountId, IGrainFactory grains) =>
                await grains.GetGrain<IAccountGrain>(accountId).GetSnapshot() is { Profile: not null } snapshot
                    ? Results.Json(new AccountHistory(snapshot.Notices, snapshot.Escalations, snapshot.Contacts, snapshot.Notes), JsonBody.Options)
                    : UnknownAccount(accountId))
            .WithSummary("Notices emitted, escalations, contacts made and collectors' notes")
            .RequireScope(Scopes.ReportsRead);

        return api;
    }

    private static IResult UnknownAccount(string accountId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The account is unknown.", detail: $"account '{accountId}' is unknown");
}

public sealed record AccountHistory(
    IReadOnlyList<Dunning.NoticeRecord> Notices,
    IReadOnlyList<Dunning.EscalationRecord> Escalations,
    IReadOnlyList<Dunning.ContactAttempt> Contacts,
    IReadOnlyList<Dunning.CollectionNote> Notes);
