namespace ArScale.AppHost.Tests;

public sealed class AppHostOptionsTests
{
    [Fact]
    public void Without_arguments_two_silos_and_one_notifier_start_and_no_demo_is_seeded()
    {
        var (options, problem) = AppHostOptions.Parse([]);

        Assert.Null(problem);
        Assert.Equal(new AppHostOptions(Silos: 2, Notifiers: 1, Demo: false), options);
    }

    [Fact]
    public void Silos_notifiers_and_the_demo_are_chosen_on_the_command_line()
    {
        var (options, _) = AppHostOptions.Parse(["--silos", "3", "--notifiers", "2", "--demo"]);

        Assert.Equal(new AppHostOptions(Silos: 3, Notifiers: 2, Demo: true), options);
    }

    [Fact]
    public void A_demo_size_implies_the_demo()
    {
        var (options, _) = AppHostOptions.Parse(["--demo-accounts", "250"]);

        Assert.True(options!.Demo);
        Assert.Equal(250, options.DemoAccounts);
    }

    [Theory]
    [InlineData("--silos", "0")]
    [InlineData("--silos", "10")]
    [InlineData("--notifiers", "two")]
    [InlineData("--notifiers")]
    [InlineData("--demo-accounts", "-5")]
    public void A_count_out_of_range_or_missing_names_the_option(params string[] arguments)
    {
        var (options, problem) = AppHostOptions.Parse(arguments);

        Assert.Null(options);
        Assert.StartsWith(arguments[0], problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_argument_is_refused_by_name()
    {
        var (_, problem) = AppHostOptions.Parse(["--silo", "2"]);

        Assert.Equal("unknown argument '--silo'", problem);
    }

    [Fact]
    public void Help_lists_every_option()
    {
        var (options, _) = AppHostOptions.Parse(["--help"]);

        Assert.True(options!.Help);
        Assert.All(new[] { "--silos", "--notifiers", "--demo", "--demo-accounts" }, option => Assert.Contains(option, AppHostOptions.Usage, StringComparison.Ordinal));
    }
}
