using ArScale.Contracts.Accounts;
using ArScale.Dunning.Identifiers;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Billing.Requests;
using ArScale.Gateway.Reports;
using ArScale.Gateway.Security;

namespace ArScale.Gateway.Apis;

/// <summary>Accounts: create or replace profiles (one or in bulk), find accounts, read an account and its history.</summary>
public static class AccountsApi
{
    private const int MaxSearchPageSize = 100;

    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");

        accounts.MapPut("/{accountId}", (HttpRequest request, string accountId, SingleWrite write) =>
                write.HandleAsync<AccountRequest>(request, accountId, body => body.ToCommand()))
            .WithSummary("Create or replace an account's profile")
            .Accepts<AccountRequest>("application/json")
            .RequireScope(Scopes.BillingWrite);

        accounts.MapPost("/batch", (HttpContext context, BatchEndpoint batch, AccountWrites writes) =>
                batch.HandleAsync<AccountBatchRequest>(context, async (request, cancellationToken) =>
                {
                    var items = request.Accounts.Select(account => account.ToWrite()).ToList();
                    var outcomes = await writes.ExecuteBatchAsync(items, cancellationToken);
                    return BatchAnswer.Of(items, outcomes, index => request.Accounts[index].AccountId);
                }))
            .WithSummary("Create or replace up to 1,000 accounts; answered per account")
            .Accepts<AccountBatchRequest>("application/json")
            .RequireScope(Scopes.BillingWrite);

        accounts.MapGet("", async (AccountSearch search, CancellationToken cancellationToken, string? q = null, int page = 1, int pageSize = 20) =>
            {
                var query = q?.Trim() ?? "";
                if (query.Length is 0 or > AccountSearch.MaxQueryLength)
                {
                    return Problems.Invalid("q", $"1 to {AccountSearch.MaxQueryLength} characters: the start of an account id or of a customer's name");
                }

                return Paging.Problem(page, pageSize, MaxSearchPageSize) ?? Results.Json(await search.SearchAsync(query, page, pageSize, cancellationToken), JsonBody.Options);
            })
            .WithSummary("Find accounts by the start of their id or of the customer's name (any case), from the account summary")
            .RequireScope(Scopes.ReportsRead);

        // An id no account can have is refused before a grain is asked: activating one would fail the request with a 500.
        accounts.MapGet("/{accountId}", async (string accountId, IGrainFactory grains) =>
                IdRule.Violation(accountId) is { } invalid ? Problems.Invalid("accountId", invalid)
                : await grains.GetGrain<IAccountGrain>(accountId).GetSnapshot() is { Profile: not null } snapshot
                    ? Results.Json(snapshot with { Notices = [], Escalations = [], Contacts = [], Notes = [], PauseHistory = [] }, JsonBody.Options)
                    : UnknownAccount(accountId))
            .WithSummary("The account now: balances, invoices with stage and next action, aging, disputes, promises, statements")
            .RequireScope(Scopes.ReportsRead);

        accounts.MapGet("/{accountId}/history", async (string accountId, IGrainFactory grains, SentContacts sent, CancellationToken cancellationToken) =>
                IdRule.Violation(accountId) is { } invalid ? Problems.Invalid("accountId", invalid)
                : await grains.GetGrain<IAccountGrain>(accountId).GetSnapshot() is { Profile: not null } snapshot
                    ? Results.Json(
                        new AccountHistory(
                            snapshot.Notices, snapshot.Escalations,
                            Dunning.ContactHistory.Merge(snapshot.Contacts, await sent.OfAccountAsync(accountId, cancellationToken)),
                            snapshot.Notes, snapshot.PauseHistory),
                        JsonBody.Options)
                    : UnknownAccount(accountId))
            .WithSummary("Notices emitted, escalations, contacts made, collectors' notes, and who paused or resumed dunning")
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
    IReadOnlyList<Dunning.CollectionNote> Notes,
    IReadOnlyList<Dunning.DunningPauseChange> Pauses);
