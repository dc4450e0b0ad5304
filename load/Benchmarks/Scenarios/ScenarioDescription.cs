using System.Globalization;
using System.Text;
using ArScale.Dunning;

namespace ArScale.Benchmarks.Scenarios;

/// <summary>What the benchmarked accounts hold, for the results report (<c>dotnet run -c Release -- describe</c>).</summary>
public static class ScenarioDescription
{
    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var policy = ShippedPolicies.Standard;
        output.WriteLine($"now: {OverdueAccount.Now:O} ({OverdueAccount.Zone} 10:00), policy {policy.Key}");
        output.WriteLine("| Open invoices | Invoices in state | Open items | Partly paid | Fees | Notices | Escalations | State JSON (bytes) | Due now: items reaching a stage | notices | fees | escalations |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var openInvoices in new[] { 1, 10, 100 })
        {
            var account = OverdueAccount.Build(openInvoices, policy);
            var state = account.State;
            var decision = PolicyEvaluator.Evaluate(account, policy, OverdueAccount.Now);
            var partlyPaid = account.OpenItems().Count(i => i.Outstanding.Amount < i.Amount.Amount);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {openInvoices} | {state.Invoices.Count} | {account.OpenItems().Count()} | {partlyPaid} | {state.Fees.Count} | {state.Notices.Count} | {state.Escalations.Count} | {Encoding.UTF8.GetByteCount(DunningJson.Serialize(account))} | {decision.StagesReached.Count} | {decision.Notices.Count} | {decision.Fees.Count} | {decision.Escalations.Count} |"));
        }
    }
}
