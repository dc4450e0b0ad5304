namespace ArScale.Dunning;

/// <summary>An item reached a stage; applying it is what makes the stage fire only once for that item.</summary>
public sealed record StageReached(string Id, string ItemId, string InvoiceId, string Stage, int OffsetDays, bool Stops, DateOnly On);
