using ArScale.Benchmarks.Scenarios;
using ArScale.Dunning;
using BenchmarkDotNet.Attributes;

namespace ArScale.Benchmarks;

/// <summary>
/// What one reminder costs the silo's CPU, per account size. Evaluation is pure, so it is measured on the same
/// account again and again; applying a decision is not, and lives in <see cref="ApplyBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private DunningPolicy policy = null!;
    private Account stageDue = null!;
    private Account nothingDue = null!;
    private string state = null!;

    [Params(1, 10, 100)]
    public int OpenInvoices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        policy = ShippedPolicies.Standard;
        stageDue = OverdueAccount.Build(OpenInvoices, policy);
        state = DunningJson.Serialize(stageDue);

        // The same account after today's firing was applied: a reminder that fires again, or early, finds nothing to do.
        nothingDue = DunningJson.DeserializeAccount(state);
        nothingDue.Apply(PolicyEvaluator.Evaluate(nothingDue, policy, OverdueAccount.Now));

        ScenarioCheck.StageIsDue(stageDue, policy);
        ScenarioCheck.NothingIsDue(nothingDue, policy);
    }

    /// <summary>A reminder firing at the time the grain asked for: at least one item reaches a stage.</summary>
    [Benchmark]
    public DunningDecision EvaluateStageDue() => PolicyEvaluator.Evaluate(stageDue, policy, OverdueAccount.Now);

    /// <summary>The same account once today's stages were applied: the decision only carries the next action time.</summary>
    [Benchmark]
    public DunningDecision EvaluateNothingDue() => PolicyEvaluator.Evaluate(nothingDue, policy, OverdueAccount.Now);

    /// <summary>The grain writes the state after every firing that changed it.</summary>
    [Benchmark]
    public string SerializeState() => DunningJson.Serialize(stageDue);

    /// <summary>The grain reads the state when a reminder activates it; a daily reminder almost always finds it deactivated.</summary>
    [Benchmark]
    public Account DeserializeState() => DunningJson.DeserializeAccount(state);

    /// <summary>A whole firing on a deactivated grain: read the state, evaluate, apply, write the state.</summary>
    [Benchmark]
    public string ReminderFiringCold()
    {
        var account = DunningJson.DeserializeAccount(state);
        account.Apply(PolicyEvaluator.Evaluate(account, policy, OverdueAccount.Now));
        return DunningJson.Serialize(account);
    }
}
