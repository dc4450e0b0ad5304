using Microsoft.Extensions.Configuration;

namespace ArScale.ServiceDefaults;

/// <summary>
/// Names of the connection strings, read Aspire's way from <c>ConnectionStrings__&lt;name&gt;</c>.
/// </summary>
public static class ConnectionNames
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";
    public const string Smtp = "smtp";

    public static string GetRequiredConnectionString(this IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{name}' is not set. Set ConnectionStrings__{name} " +
                "(scripts/infra.sh env prints the values for the local infrastructure).");
}
