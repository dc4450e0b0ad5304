namespace ArScale.Dunning;

/// <summary>
/// Deterministic ids: account, stage, the items (joined with '+') and the due date they are anchored on,
/// e.g. <c>acc-1:overdue-7:inv-9:2026-11-20</c>. The same firing always yields the same id.
/// </summary>
public static class DunningIds
{
    public static string Firing(string accountId, string stage, IEnumerable<string> itemIds, DateOnly anchor) =>
        $"{accountId}:{stage}:{string.Join('+', itemIds)}:{anchor:yyyy-MM-dd}";

    public static string Notice(string firingId, Channel channel) => $"{firingId}:{channel.ToString().ToLowerInvariant()}";

    public static string Fee(string firingId, FeeKind kind) => $"{firingId}:{kind switch
    {
        FeeKind.FlatFee => "flat-fee",
        FeeKind.PercentageFee => "percentage-fee",
        _ => "interest",
    }}";

    public static string Escalation(string firingId, EscalationKind kind) => $"{firingId}:{kind switch
    {
        EscalationKind.Legal => "legal",
        _ => "collector",
    }}";

    public static string Statement(string accountId, DateOnly date) => $"{accountId}:statement:{date:yyyy-MM-dd}";

    public static string Risk(string accountId, RiskKind kind, DateOnly on) =>
        $"{accountId}:risk:{(kind == RiskKind.OverCreditLimit ? "over-credit-limit" : "score-below-threshold")}:{on:yyyy-MM-dd}";
}
