namespace ArScale.Silo.Reminders;

/// <summary>
/// Orleans gives a silo its share of the reminder ring as (begin, end] over unsigned 32-bit hashes, wrapping past the
/// top when begin ≥ end (begin = end is the whole ring). The table stores each hash's bits as a signed integer, so an
/// unsigned range becomes up to three inclusive signed ones.
/// </summary>
public static class RingRanges
{
    public static IReadOnlyList<(int Low, int High)> Signed(uint begin, uint end)
    {
        var unsignedRanges = new List<(uint Low, uint High)>();
        if (begin < end)
        {
            unsignedRanges.Add((begin + 1, end));
        }
        else
        {
            if (begin < uint.MaxValue)
            {
                unsignedRanges.Add((begin + 1, uint.MaxValue));
            }

            unsignedRanges.Add((0, end));
        }

        var signedRanges = new List<(int Low, int High)>();
        foreach (var (low, high) in unsignedRanges)
        {
            // Hashes up to int.MaxValue keep their value; those above it are negative, in the same order.
            if (low <= int.MaxValue && high > int.MaxValue)
            {
                signedRanges.Add(((int)low, int.MaxValue));
                signedRanges.Add((int.MinValue, unchecked((int)high)));
            }
            else
            {
                signedRanges.Add((unchecked((int)low), unchecked((int)high)));
            }
        }

        return signedRanges;
    }
}
