using ArScale.Benchmarks.Scenarios;
using BenchmarkDotNet.Running;

if (args is ["describe"])
{
    ScenarioDescription.Print(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ScenarioDescription).Assembly).Run(args);
