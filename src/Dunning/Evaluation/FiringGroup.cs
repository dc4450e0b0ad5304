namespace ArScale.Dunning;

/// <summary>Items firing one stage together in one evaluation: they share a notice per channel and each escalation.</summary>
internal sealed class FiringGroup(DunningStage stage, string key, DateOnly? anchor, bool recordsProgress)
{
    public DunningStage Stage { get; } = stage;

    public string Key { get; } = key;

    public bool RecordsProgress { get; } = recordsProgress;

    public List<(DunnableItem Item, bool Notify)> Members { get; } = [];

    /// <summary>Regular stages anchor on the due dates; a broken promise on the promised date.</summary>
    public DateOnly AnchorFor(DunnableItem item) => anchor ?? item.DueDate;

    public DateOnly GroupAnchor => anchor ?? Members.Min(m => m.Item.DueDate);
}
