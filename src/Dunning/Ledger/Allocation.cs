namespace ArScale.Dunning;

public enum AllocationTarget
{
    Invoice,
    Fee,
    Credit,
}

/// <summary>Where part of a payment or credit note went.</summary>
public sealed record Allocation(AllocationTarget Target, string? TargetId, decimal Amount);
