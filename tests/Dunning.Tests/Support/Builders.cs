namespace ArScale.Dunning.Tests.Support;

public static class Builders
{
    public static AccountBuilder AnAccount(string id = "acc-1") => new(id);

    public static PolicyBuilder APolicy() => new();

    public static DateOnly Day(string yyyyMmDd) => DateOnly.Parse(yyyyMmDd, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A local wall-clock time in a zone, e.g. At("2026-11-20 10:00", "Europe/London").</summary>
    public static DateTimeOffset At(string local, string zone = AccountBuilder.DefaultZone)
    {
        var parsed = DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture);
        return ZoneTime.ToInstant(DateOnly.FromDateTime(parsed), TimeOnly.FromDateTime(parsed), TimeZoneInfo.FindSystemTimeZoneById(zone));
    }

    public static Money Eur(decimal amount) => new(amount, "EUR");

    /// <summary>Evaluates and applies, as the grain does on every reminder tick.</summary>
    public static DunningDecision Run(this Account account, DunningPolicy policy, DateTimeOffset now)
    {
        var decision = PolicyEvaluator.Evaluate(account, policy, now);
        account.Apply(decision);
        return decision;
    }

    public static CommandResult Do(this Account account, AccountCommand command, DateTimeOffset now)
    {
        var result = account.Execute(command, now);
        Assert.True(result is CommandResult.Accepted, $"{command.GetType().Name} was not accepted: {result}");
        return result;
    }
}
