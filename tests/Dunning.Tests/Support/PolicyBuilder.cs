namespace ArScale.Dunning.Tests.Support;

/// <summary>Starts from a standard-like policy on e-mail only, so a test changes only what matters to it.</summary>
public sealed class PolicyBuilder
{
    private readonly List<DunningStage> stages =
    [
        Stage("courtesy", -3),
        Stage("due", 0),
        Stage("overdue-7", 7, new FlatFee(new Dictionary<string, decimal> { ["EUR"] = 15m, ["USD"] = 15m })),
        Stage("overdue-15", 15, new DailyInterest(8m)),
        Stage("collector-30", 30, new CollectorTask(CollectorTaskMode.Assign, 5)),
        Stage("legal-60", 60, new LegalEscalation(), new StopDunning()),
    ];

    private SendWindow window = SendWindow.Default;
    private int graceDays = 3;
    private DunningStage? brokenPromise = Stage(
        "broken-promise", 0, new FlatFee(new Dictionary<string, decimal> { ["EUR"] = 25m }), new CollectorTask(CollectorTaskMode.Notify, 2));
    private IReadOnlyList<Channel> channels = [Channel.Email];

    public static DunningStage Stage(string name, int offset, params StageAction[] actions) =>
        new(name, offset, StageConditions.None, [Channel.Email], $"dunning.{name}", actions);

    public PolicyBuilder WithStages(params DunningStage[] replacement)
    {
        stages.Clear();
        stages.AddRange(replacement);
        return this;
    }

    public PolicyBuilder WithChannels(params Channel[] value)
    {
        channels = value;
        return this;
    }

    public PolicyBuilder WithWindow(int fromHour, int toHour, bool weekdaysOnly = false)
    {
        window = new SendWindow(new TimeOnly(fromHour, 0), new TimeOnly(toHour, 0), weekdaysOnly);
        return this;
    }

    public PolicyBuilder WithGraceDays(int days)
    {
        graceDays = days;
        return this;
    }

    public PolicyBuilder WithoutBrokenPromiseStage()
    {
        brokenPromise = null;
        return this;
    }

    public PolicyBuilder WithCondition(string stage, StageConditions conditions)
    {
        var index = stages.FindIndex(s => s.Name == stage);
        stages[index] = stages[index] with { Conditions = conditions };
        return this;
    }

    public DunningPolicy Build() => new(
        "test",
        1,
        Segment.Standard,
        window,
        [.. stages.Select(s => s with { Channels = channels })],
        new PromiseSettings(graceDays, brokenPromise),
        RiskSettings.Default);

    public static implicit operator DunningPolicy(PolicyBuilder builder) => builder.Build();
}
