namespace ArScale.Integration.Tests.Gateway;

/// <summary>A Gateway and silo whose redelivery rounds are two retries within a second, so a test sees several rounds; a deadline of 40 s.</summary>
public sealed class ShortRedeliverySystem() : GatewaySystem(new Dictionary<string, string?>
{
    ["ArScale:Redelivery:RetriesPerRound"] = "2",
    ["ArScale:Redelivery:MinInterval"] = "00:00:00.200",
    ["ArScale:Redelivery:MaxInterval"] = "00:00:00.500",
    ["ArScale:Redelivery:IntervalDelta"] = "00:00:00.100",
    ["ArScale:Redelivery:Deadline"] = Deadline.ToString(),
})
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);
}
