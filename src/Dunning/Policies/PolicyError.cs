namespace ArScale.Dunning;

/// <summary>What is wrong in a policy file, and where: the file, then a path such as <c>stages[2] 'overdue-7'.offsetDays</c>.</summary>
public sealed record PolicyError(string File, string Where, string Message)
{
    public override string ToString() => $"{File}: {Where}: {Message}";
}
