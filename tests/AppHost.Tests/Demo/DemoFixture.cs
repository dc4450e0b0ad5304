using ArScale.AppHost.Demo;
using ArScale.Dunning;

namespace ArScale.AppHost.Tests.Demo;

/// <summary>The shipped policies, and moments the demo may be started at.</summary>
public static class DemoFixture
{
    /// <summary>A Wednesday morning in Europe, afternoon in Asia, night in the Americas.</summary>
    public static readonly DateTimeOffset WednesdayMorningUtc = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    public static PolicyCatalog Policies { get; } = DemoPortfolioResource.LoadPolicies(Path.Combine(AppContext.BaseDirectory, "policies"));

    public static DemoPortfolio Generate(int accounts = 2000, DateTimeOffset? now = null, int seed = DemoPortfolioResource.Seed) =>
        new PortfolioGenerator(Policies, seed).Generate(accounts, now ?? WednesdayMorningUtc);

    /// <summary>Each account as the grain will hold it, evaluated by the domain at <paramref name="now"/>.</summary>
    public static IEnumerable<(DemoAccount Account, DunningDecision Decision)> Decisions(DemoPortfolio portfolio, DateTimeOffset now)
    {
        var invoices = portfolio.Invoices.ToLookup(invoice => invoice.AccountId);
        var payments = portfolio.Payments.ToLookup(payment => payment.AccountId);
        foreach (var demo in portfolio.Accounts)
        {
            var account = DemoForecast.Build(demo, invoices[demo.AccountId], payments[demo.AccountId], now);
            yield return (demo, PolicyEvaluator.Evaluate(account, Policies.For(account.Profile!)!, now));
        }
    }
}
