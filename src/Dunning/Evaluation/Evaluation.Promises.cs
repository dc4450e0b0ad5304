namespace ArScale.Dunning;

internal sealed partial class Evaluation
{
    /// <summary>
    /// Kept: payments dated by the promised date plus grace, allocated to the promised invoices, reach the amount
    /// (or the invoices got settled otherwise). Broken: the deadline passed without that. A broken promise is acted
    /// on at the next send-window opening, where the policy's broken-promise stage fires once for its invoices;
    /// until then they stay held.
    /// </summary>
    private List<PaymentPromise> ResolvePromises()
    {
        var broken = new List<PaymentPromise>();
        var brokenStage = policy.Promises.BrokenPromiseStage;
        foreach (var promise in state.Promises.Where(p => p.Status == PromiseStatus.Open).OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var deadline = promise.Date.AddDays(policy.Promises.GraceDays);
            var received = promise.ReceivedBy(deadline);
            var settled = promise.InvoiceIds.All(id => account.FindInvoice(id) is not { IsOpen: true });
            if (received >= promise.Amount.Amount || settled)
            {
                promises.Add(new PromiseResolved(promise.Id, PromiseStatus.Kept, new Money(received, promise.Amount.Currency), deadline));
                continue;
            }

            var actsInWindow = brokenStage is not null && !suppressed;
            if (today <= deadline)
            {
                var breaksAt = ZoneTime.StartOfDay(deadline.AddDays(1), zone);
                Consider(actsInWindow ? window.NextOpening(breaksAt, zone) : breaksAt);
                Hold(promise);
            }
            else if (actsInWindow && !windowOpen)
            {
                Consider(window.NextOpening(now, zone));
                Hold(promise);
            }
            else
            {
                promises.Add(new PromiseResolved(promise.Id, PromiseStatus.Broken, new Money(received, promise.Amount.Currency), deadline));
                if (actsInWindow)
                {
                    broken.Add(promise);
                    brokenPromiseInvoices.UnionWith(promise.InvoiceIds);
                }
            }
        }

        return broken;
    }

    private void Hold(PaymentPromise promise) => heldByPromise.UnionWith(promise.InvoiceIds);

    private void FireBrokenPromise(PaymentPromise promise)
    {
        var stage = policy.Promises.BrokenPromiseStage!;
        var items = DunnableItems()
            .Where(i => promise.InvoiceIds.Contains(i.InvoiceId) && !account.HasOpenDispute(i.InvoiceId))
            .ToList();
        foreach (var item in items)
        {
            Fire(stage, $"promise:{promise.Id}", item, notify: true, anchor: promise.Date, recordsProgress: false);
        }
    }
}
