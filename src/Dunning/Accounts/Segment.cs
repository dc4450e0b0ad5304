namespace ArScale.Dunning;

/// <summary>The customer tier that picks the default dunning policy.</summary>
public enum Segment
{
    Standard,
    Priority,
    KeyAccount,
}
