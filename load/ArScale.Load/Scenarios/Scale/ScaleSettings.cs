using ArScale.Load.Scenarios.Storm;

namespace ArScale.Load.Scenarios.Scale;

/// <summary>The scale scenario's flags.</summary>
/// <param name="IdleDeactivation">The silo's <c>ArScale:Dunning:IdleDeactivation</c> for the run: how soon created accounts leave memory.</param>
/// <param name="RefreshPeriod">The silo's <c>ArScale:Reminders:RefreshReminderListPeriod</c> for the run, short so the rest window holds several refreshes.</param>
/// <param name="RestWindow">How long the idle silo is watched after the accounts left memory: its resident memory and the refreshes' CPU.</param>
/// <param name="Slice">
/// The storm on a slice of the accounts at the end (its <see cref="StormSettings.Accounts"/> is the slice's size, 0 for
/// none); its wake-up spread, reminder work and Notifiers are the system's for the whole run.
/// </param>
public sealed record ScaleSettings(
    int Accounts, int Parallelism, TimeSpan IdleDeactivation, TimeSpan RefreshPeriod, TimeSpan RestWindow, TimeSpan QuietWait, bool KeepData,
    StormSettings Slice)
{
    public bool HasSlice => Slice.Accounts > 0;
}
