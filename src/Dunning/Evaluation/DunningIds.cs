using System.Security.Cryptography;
using System.Text;

namespace ArScale.Dunning;

/// <summary>
/// Deterministic ids: account, stage, the items and the due date they are anchored on, e.g.
/// <c>acc-1:overdue-7:inv-9:2026-11-20</c>. The same firing always yields the same id.
/// </summary>
/// <remarks>
/// A firing of several items names the first of them, how many more, and a hash of them all
/// (<c>acc-1:overdue-7:inv-1+2-more-3f9a1c2b7d4e5f60:2026-11-20</c>): joining every id grew without bound, and past
/// about 2.7 KB the notice log can no longer index the key. The full list is in the event's payload.
/// </remarks>
public static class DunningIds
{
    public static string Firing(string accountId, string stage, IEnumerable<string> itemIds, DateOnly anchor) =>
        $"{accountId}:{stage}:{Items(itemIds)}:{anchor:yyyy-MM-dd}";

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

    /// <summary>One item as itself; several as the first, the count of the rest and a hash of all, in ordinal order.</summary>
    private static string Items(IEnumerable<string> itemIds)
    {
        var sorted = itemIds.Order(StringComparer.Ordinal).ToList();
        if (sorted.Count == 1)
        {
            return sorted[0];
        }

        // Item ids never hold '+' (Problem.Id), so the joined list is unambiguous. 64 bits of SHA-256 make a collision
        // between two groups of one account, stage and anchor a practical impossibility.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('+', sorted)));
        return $"{sorted[0]}+{sorted.Count - 1}-more-{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }
}
