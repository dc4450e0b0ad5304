using ArScale.Dunning;
using ArScale.Dunning.Identifiers;
using ArScale.Gateway.Billing.Requests;

namespace ArScale.Gateway.Billing;

/// <summary>One write to one account from an HTTP request: read strictly, send to the grain, answer in problem-details terms.</summary>
public sealed class SingleWrite(AccountWrites writes)
{
    public async Task<IResult> HandleAsync<TRequest>(HttpRequest request, string accountId, Func<TRequest, AccountCommand> toCommand)
        where TRequest : class
    {
        if (IdRule.Violation(accountId) is { } invalidAccount)
        {
            return Problems.Invalid("accountId", invalidAccount);
        }

        var (body, problem) = await JsonBody.ReadAsync<TRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        return body is IRequestIds named && named.FirstViolation() is var (field, reason)
            ? Problems.Invalid(field, reason)
            : await HandleAsync(accountId, toCommand(body!));
    }

    public async Task<IResult> HandleAsync(string accountId, AccountCommand command)
    {
        if (IdRule.Violation(accountId) is { } invalidAccount)
        {
            return Problems.Invalid("accountId", invalidAccount);
        }

        var outcome = await writes.ExecuteAsync(accountId, command);
        return outcome.Succeeded ? TypedResults.Json(outcome, JsonBody.Options) : Problems.From(outcome);
    }
}
