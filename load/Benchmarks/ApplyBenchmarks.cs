using ArScale.Benchmarks.Scenarios;
using ArScale.Dunning;
using BenchmarkDotNet.Attributes;

namespace ArScale.Benchmarks;

/// <summary>
/// Evaluate and apply, each invocation on its own fresh copy of the account, because a decision applied once leaves
/// nothing to apply the second time. The copies are made before each iteration, outside the measurement; evaluating
/// alone on the same fresh copies is the baseline, so the difference is the cost of <see cref="Account.Apply"/>.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Copies)]
public class ApplyBenchmarks
{
    // Enough invocations per iteration to stay well above the timer's resolution for the one-invoice account,
    // few enough that the copies of the hundred-invoice account fit comfortably in memory.
    private const int Copies = 512;

    private readonly Account[] copies = new Account[Copies];
    private DunningPolicy policy = null!;
    private string state = null!;
    private int next;

    [Params(1, 10, 100)]
    public int OpenInvoices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        policy = ShippedPolicies.Standard;
        var account = OverdueAccount.Build(OpenInvoices, policy);
        ScenarioCheck.StageIsDue(account, policy);
        state = DunningJson.Serialize(account);
    }

    [IterationSetup]
    public void FreshCopies()
    {
        for (var i = 0; i < copies.Length; i++)
        {
            copies[i] = DunningJson.DeserializeAccount(state);
        }

        next = 0;
    }

    [Benchmark(Baseline = true)]
    public DunningDecision EvaluateOnFreshCopy() => PolicyEvaluator.Evaluate(copies[next++], policy, OverdueAccount.Now);

    [Benchmark]
    public DunningDecision EvaluateAndApply()
    {
        var account = copies[next++];
        var decision = PolicyEvaluator.Evaluate(account, policy, OverdueAccount.Now);
        account.Apply(decision);
        return decision;
    }
}
