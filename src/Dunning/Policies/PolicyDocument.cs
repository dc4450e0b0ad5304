namespace ArScale.Dunning;

// The shape of a policy file as written; nullable everywhere so that a missing field is reported by name.
internal sealed class PolicyDocument
{
    public string? Name { get; set; }
    public int? Version { get; set; }
    public string? Segment { get; set; }
    public SendWindowDocument? SendWindow { get; set; }
    public PromiseDocument? PromiseToPay { get; set; }
    public RiskDocument? Risk { get; set; }
    public List<StageDocument?>? Stages { get; set; }
}

internal sealed class SendWindowDocument
{
    public string? Start { get; set; }
    public string? End { get; set; }
    public bool? WeekdaysOnly { get; set; }
}

internal sealed class PromiseDocument
{
    public int? GraceDays { get; set; }
    public StageDocument? BrokenPromiseStage { get; set; }
}

internal sealed class RiskDocument
{
    public int? ScoreWarningBelow { get; set; }
}

internal sealed class StageDocument
{
    public string? Name { get; set; }
    public int? OffsetDays { get; set; }
    public ConditionsDocument? Conditions { get; set; }
    public List<string?>? Channels { get; set; }
    public string? TemplateKey { get; set; }
    public List<ActionDocument?>? Actions { get; set; }
}

internal sealed class ConditionsDocument
{
    public int? MinDaysPastDue { get; set; }
    public decimal? MinAmountOverdue { get; set; }
}

internal sealed class ActionDocument
{
    public string? Type { get; set; }
    public Dictionary<string, decimal>? Amounts { get; set; }
    public decimal? Percent { get; set; }
    public decimal? AnnualRatePercent { get; set; }
    public string? Mode { get; set; }
    public int? FollowUpDays { get; set; }
}
