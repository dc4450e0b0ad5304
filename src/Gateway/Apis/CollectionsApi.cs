using ArScale.Dunning;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Billing.Requests;
using ArScale.Gateway.Security;

namespace ArScale.Gateway.Apis;

/// <summary>What collectors and customer-facing systems do to an account: disputes, promises, plans, statements, notes, pausing dunning, write-offs.</summary>
public static class CollectionsApi
{
    public static RouteGroupBuilder MapCollectionsApi(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/accounts/{accountId}").WithTags("Collections").RequireScope(Scopes.CollectionsWrite);

        account.MapPost("/disputes", (HttpRequest request, string accountId, SingleWrite write) =>
                write.HandleAsync<DisputeRequest>(request, accountId, body => body.ToCommand()))
            .WithSummary("Open a dispute: dunning on the invoice pauses").Accepts<DisputeRequest>("application/json");

        account.MapPost("/disputes/{disputeId}/resolution", (HttpRequest request, string accountId, string disputeId, SingleWrite write) =>
                write.HandleAsync<ResolveDisputeRequest>(request, accountId, body => body.ToCommand(disputeId)))
            .WithSummary("Resolve a dispute in the customer's or the lender's favour").Accepts<ResolveDisputeRequest>("application/json");

        account.MapPost("/promises", (HttpRequest request, string accountId, SingleWrite write) =>
                write.HandleAsync<PromiseRequest>(request, accountId, body => body.ToCommand()))
            .WithSummary("Record a promise to pay: dunning waits for its date").Accepts<PromiseRequest>("application/json");

        account.MapPost("/instalment-plans", (HttpRequest request, string accountId, SingleWrite write) =>
                write.HandleAsync<InstalmentPlanRequest>(request, accountId, body => body.ToCommand()))
            .WithSummary("Reschedule an invoice into instalments").Accepts<InstalmentPlanRequest>("application/json");

        account.MapPost("/statements/{statementId}/confirmation", (string accountId, string statementId, SingleWrite write) =>
                write.HandleAsync(accountId, new ConfirmStatement($"statement-confirmation:{statementId}", statementId)))
            .WithSummary("The customer confirms a monthly statement");

        account.MapPost("/statements/{statementId}/dispute", (HttpRequest request, string accountId, string statementId, SingleWrite write) =>
                write.HandleAsync<StatementDisputeRequest>(request, accountId, body => body.ToCommand(statementId)))
            .WithSummary("The customer disputes lines of a monthly statement").Accepts<StatementDisputeRequest>("application/json");


        account.MapPut("/collector", (HttpRequest request, string accountId, SingleWrite write) =>
                write.HandleAsync<CollectorRequest>(request, accountId, body => body.ToCommand()))
            .WithSummary("Assign the responsible collector").Accepts<CollectorRequest>("application/json");

        account.MapPost("/notes", (HttpRequest request, string accountId, SingleWrite write) =>
                write.HandleAsync<NoteRequest>(request, accountId, body => body.ToCommand()))
            .WithSummary("Add a collector's note to the account's history").Accepts<NoteRequest>("application/json");

        account.MapPut("/dunning", async (HttpRequest request, string accountId, SingleWrite write) =>
            {
                var (body, problem) = await JsonBody.ReadAsync<DunningPauseRequest>(request);
                if (problem is not null)
                {
                    return problem;
                }

                return body!.FirstViolation() is var (field, reason)
                    ? Problems.Invalid(field, reason)
                    : await write.HandleAsync(accountId, body!.ToCommand(Callers.NameOf(request.HttpContext.User)));
            })
            .WithSummary("Pause all dunning of the account (with a reason) or resume it; stages missed meanwhile are caught up once, the latest only")
            .Accepts<DunningPauseRequest>("application/json");

        // A write-off books a loss: it needs its own scope, which collectors' everyday keys and console role do not hold.
        api.MapPost("/accounts/{accountId}/write-offs", (HttpRequest request, string accountId, SingleWrite write) =>
                write.HandleAsync<WriteOffRequest>(request, accountId, body => body.ToCommand()))
            .WithTags("Collections")
            .WithSummary("Write off bad debt: dunning on the invoice ends")
            .Accepts<WriteOffRequest>("application/json")
            .RequireScope(Scopes.WriteOff);

        return api;
    }
}
