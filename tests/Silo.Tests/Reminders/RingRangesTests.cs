using ArScale.Silo.Reminders;

namespace ArScale.Silo.Tests.Reminders;

/// <summary>An unsigned ring range (begin, end] as the signed ranges the reminder table's hashes are kept in.</summary>
public sealed class RingRangesTests
{
    [Theory]
    [InlineData(10u, 20u, 11u, true)]
    [InlineData(10u, 20u, 20u, true)]
    [InlineData(10u, 20u, 10u, false)]
    [InlineData(10u, 20u, 21u, false)]
    [InlineData(2_000_000_000u, 3_000_000_000u, 2_147_483_647u, true)]
    [InlineData(2_000_000_000u, 3_000_000_000u, 2_147_483_648u, true)]
    [InlineData(2_000_000_000u, 3_000_000_000u, 3_000_000_001u, false)]
    [InlineData(4_000_000_000u, 5u, 4_294_967_295u, true)]
    [InlineData(4_000_000_000u, 5u, 0u, true)]
    [InlineData(4_000_000_000u, 5u, 5u, true)]
    [InlineData(4_000_000_000u, 5u, 6u, false)]
    [InlineData(4_000_000_000u, 5u, 4_000_000_000u, false)]
    [InlineData(7u, 7u, 7u, true)]
    [InlineData(7u, 7u, 123_456u, true)]
    [InlineData(uint.MaxValue, 3u, uint.MaxValue, false)]
    [InlineData(uint.MaxValue, 3u, 0u, true)]
    public void A_hash_is_in_the_signed_ranges_exactly_when_it_is_in_the_ring_range(uint begin, uint end, uint hash, bool inside)
    {
        var stored = unchecked((int)hash);

        var ranges = RingRanges.Signed(begin, end);

        Assert.Equal(inside, ranges.Any(range => stored >= range.Low && stored <= range.High));
    }
}
