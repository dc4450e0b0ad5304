namespace ArScale.Dunning;

/// <summary>Either a valid policy or every error found; never a partly valid policy.</summary>
public sealed record PolicyLoadResult(DunningPolicy? Policy, IReadOnlyList<PolicyError> Errors)
{
    public bool Succeeded => Policy is not null && Errors.Count == 0;
}
