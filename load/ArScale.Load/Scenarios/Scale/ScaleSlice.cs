using System.Globalization;
using ArScale.Load.Scenarios.Storm;

namespace ArScale.Load.Scenarios.Scale;

/// <summary>
/// The scale run's accounts, and the slice of them its closing storm falls on: every (N/K)-th account, spread over
/// the whole population (and so over the reminder table and the grain state), not specially prepared at creation.
/// Each already holds its profile and the invoice <c>inv-1</c>, due in 30 days; the storm gives it an invoice of its
/// own (<see cref="InvoiceId"/>, due today) and its set-up commands ids of their own, so nothing it had is replaced
/// or taken as a duplicate.
/// </summary>
public static class ScaleSlice
{
    public const string InvoiceId = "inv-storm";

    public static string AccountPrefix(string runId) => string.Create(CultureInfo.InvariantCulture, $"SC-{runId}-");

    public static string AccountId(string runId, int index) => string.Create(CultureInfo.InvariantCulture, $"{AccountPrefix(runId)}{index:D7}");

    /// <summary><paramref name="slice"/> of the <paramref name="accounts"/> accounts, evenly spaced from the first.</summary>
    public static StormAccounts Of(string runId, int accounts, int slice) => new(
        [.. Enumerable.Range(0, slice).Select(position => AccountId(runId, (int)((long)position * accounts / slice)))],
        InvoiceId, AccountPrefix(runId), "storm-");
}
