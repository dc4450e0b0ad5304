using Npgsql;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>
/// One account of a Gateway fault: the profile it is created with, and a checksum of what storage holds for it, so a
/// fault can show that the requests it refused changed nothing.
/// </summary>
public static class StoredAccount
{
    public static object Profile(string accountId, string name) => new
    {
        requestId = $"{accountId}-created",
        name,
        contacts = new[] { new { kind = "email", address = "customer@load.example.test" } },
        locale = "en",
        timeZone = "Europe/Berlin",
        segment = "standard",
        paymentTerms = new { kind = "net", netDays = 30 },
    };

    /// <summary>
    /// The md5 of the account's stored state, after every grain has written its memory to storage. The account is found
    /// by its bytes, not through jsonb: a state that holds a NUL (an id an older Gateway let through) cannot be cast.
    /// </summary>
    public static async Task<string?> ChecksumAsync(GatewayTarget target, string accountId, CancellationToken cancellationToken)
    {
        await Storm.StormAccounts.DeactivateAllAsync(target.Client.Grains, _ => { }, TimeSpan.FromMinutes(2), cancellationToken);
        await using var connection = new NpgsqlConnection(target.System.Database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT md5(payload) FROM account_state WHERE service_id = @service AND account_id = @account AND payload IS NOT NULL
            """, connection);
        command.Parameters.AddWithValue("service", target.System.Settings.ClusterId);
        command.Parameters.AddWithValue("account", accountId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
