using ArScale.ServiceDefaults;
using Npgsql;

namespace ArScale.Silo.Tests.Plumbing;

/// <summary>The settings every service puts on its PostgreSQL connection string, unless the string sets them itself.</summary>
public sealed class PostgresConnectionTuningTests
{
    [Fact]
    public void A_plain_connection_string_gets_no_reset_on_close_and_auto_preparation()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.Tune("Host=127.0.0.1;Port=5432;Username=postgres;Database=arscale"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal("arscale", tuned.Database);
    }

    [Theory]
    [InlineData("Host=h;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=h;NoResetOnClose=false;MaxAutoPrepare=0")]
    [InlineData("Host=h;no reset on close=false;max auto prepare=0")]
    public void What_the_connection_string_sets_itself_is_kept(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.Tune(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
