using ArScale.Contracts.Accounts;
using ArScale.Dunning;

namespace ArScale.Silo.Accounts;

/// <summary>The notifier asks before sending: anything that happened since the notice was emitted may void it.</summary>
public static class NoticeValidityCheck
{
    public static NoticeValidity Check(Account account, DunningPolicy? policy, IReadOnlyList<string> invoiceIds, DateTimeOffset now)
    {
        if (account.Profile is null || policy is null)
        {
            return new NoticeValidity(false, "unknown account");
        }

        var flags = account.EffectiveFlags;
        if (flags.DoNotContact || flags.DunningPaused || flags.AutoPay)
        {
            return new NoticeValidity(false, flags.DoNotContact ? "do-not-contact" : flags.DunningPaused ? "dunning paused" : "auto-pay");
        }

        var invoices = AccountSnapshots.Of(account, policy, now).Invoices.ToDictionary(invoice => invoice.Id, StringComparer.Ordinal);
        foreach (var invoiceId in invoiceIds)
        {
            if (!invoices.TryGetValue(invoiceId, out var invoice))
            {
                return new NoticeValidity(false, $"invoice {invoiceId} is unknown");
            }

            if (invoice.Status != InvoiceStatus.Open)
            {
                return new NoticeValidity(false, $"invoice {invoiceId} is {invoice.Status.ToString().ToLowerInvariant()}");
            }
        }

        return new NoticeValidity(true, null);
    }
}
