using ArScale.Messaging;

namespace ArScale.Silo.Tests.Messaging;

/// <summary>
/// MessageIds and e-mail Message-IDs derive from event ids, so the mapping must never change, and no event id, however
/// long, may take the process down. The expected values are RFC 9562 version 5 ids (Python's uuid.uuid5 agrees).
/// </summary>
public sealed class DeterministicGuidTests
{
    [Fact]
    public void An_event_id_always_gives_the_same_message_id()
    {
        Assert.Equal(Guid.Parse("b59916cd-1993-5c32-9cc4-46f909494361"), DeterministicGuid.From("acc-1:due:inv-1:2026-11-20:email"));
    }

    [Fact]
    public void A_long_event_id_gives_the_same_message_id_as_a_short_one_would_by_the_same_rule()
    {
        Assert.Equal(Guid.Parse("6a9693df-1c3e-5dcf-946f-e6e353be0dbc"), DeterministicGuid.From($"acc-1:due:{new string('x', 1000)}:2026-11-20:email"));
    }

    [Fact]
    public void Non_ascii_event_ids_are_hashed_as_utf8()
    {
        Assert.Equal(Guid.Parse("35cc64dd-3696-5b35-91e7-6837aea43d85"), DeterministicGuid.From(string.Concat(Enumerable.Repeat("Zürich-ü", 100))));
    }

    [Fact]
    public void An_event_id_of_ten_million_characters_gives_a_message_id_without_overflowing_the_stack()
    {
        var huge = new string('x', 10_000_000);

        Assert.Equal(DeterministicGuid.From(huge), DeterministicGuid.From(huge));
        Assert.NotEqual(DeterministicGuid.From(huge), DeterministicGuid.From(huge + "y"));
    }
}
