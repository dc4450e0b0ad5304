using ArScale.ServiceDefaults.Privacy;

namespace ArScale.Notifier.Tests.Notices;

public sealed class RedactTests
{
    [Theory]
    [InlineData("anna.smith@example.com", "a***@example.com")]
    [InlineData("+49 170 1234567", "+49********67")]
    [InlineData("0170 1234567", "01*******67")]
    [InlineData("x", "***")]
    [InlineData("", "")]
    public void Addresses_are_masked_beyond_recognition(string address, string expected) =>
        Assert.Equal(expected, Redact.Address(address));

    [Fact]
    public void A_list_keeps_each_masked_address_apart() =>
        Assert.Equal("a***@example.com, b***@example.org", Redact.Addresses(["ann@example.com", "bob@example.org"]));
}
