namespace ArScale.Integration.Tests.Console;

/// <summary><c>console-users</c> from the Gateway's binary: create, list, disable, enable, reset-password, unlock.</summary>
public sealed class ConsoleUserCommandTests(ConsoleSystem system) : IClassFixture<ConsoleSystem>
{
    [Fact]
    public async Task Create_writes_a_generated_password_alone_on_standard_output_and_it_signs_in()
    {
        var (exitCode, output, messages) = await ConsoleUserCommands.RunAsync(system, ["console-users", "create", "--name", "Lee", "--role", "collector", "--collector-id", "c-lee"]);

        Assert.Equal(0, exitCode);
        var password = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
        Assert.True(password.Length >= 20);
        Assert.Contains("lee (collector)", messages, StringComparison.Ordinal);
        using var session = await system.SignedInAsync(new ConsoleLogin("LEE", password, "collector"));
    }

    [Fact]
    public async Task A_password_from_standard_input_is_never_echoed()
    {
        var (exitCode, output, _) = await ConsoleUserCommands.RunAsync(system, ["console-users", "create", "--name", "mo", "--role", "viewer", "--password-stdin"], "mo-chose-this-password\n");

        Assert.Equal(0, exitCode);
        Assert.Equal("", output);
        using var session = await system.SignedInAsync(new ConsoleLogin("mo", "mo-chose-this-password", "viewer"));
    }

    [Fact]
    public async Task List_shows_users_and_roles_but_no_password_or_hash()
    {
        var (exitCode, output, _) = await ConsoleUserCommands.RunAsync(system, ["console-users", "list"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("kim", output, StringComparison.Ordinal);
        Assert.Contains("collector", output, StringComparison.Ordinal);
        Assert.DoesNotContain(ConsoleSystem.Collector.Password, output, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "--name", "console-users", "create", "--name", "has space", "--role", "viewer")]
    [InlineData(2, "--role", "console-users", "create", "--name", "ok-name", "--role", "superuser")]
    [InlineData(2, "--password", "console-users", "create", "--name", "short", "--role", "viewer", "--password-stdin")]
    [InlineData(1, "already", "console-users", "create", "--name", "kim", "--role", "viewer")]
    [InlineData(1, "no console user", "console-users", "disable", "nobody")]
    [InlineData(2, "usage", "console-users", "promote", "kim")]
    public async Task Bad_input_says_what_is_wrong_with_a_non_zero_exit(int expectedExit, string expectedWords, params string[] args)
    {
        var (exitCode, _, messages) = await ConsoleUserCommands.RunAsync(system, args, "too-short\n");

        Assert.Equal(expectedExit, exitCode);
        Assert.Contains(expectedWords, messages, StringComparison.Ordinal);
    }
}
