namespace ArScale.Messaging;

/// <summary>
/// The parts of an <c>amqp://user:password@host:port/vhost</c> connection string (the form an Aspire
/// AppHost hands to services), so MassTransit gets the credentials explicitly.
/// </summary>
public sealed record RabbitMqConnection(string Host, int Port, string VirtualHost, string Username, string Password)
{
    public static RabbitMqConnection Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq"))
        {
            throw new FormatException("The RabbitMQ connection string must look like amqp://user:password@host:port/vhost.");
        }

        var credentials = uri.UserInfo.Split(':', 2);
        var username = credentials[0] is { Length: > 0 } user ? Uri.UnescapeDataString(user) : "guest";
        var password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest";
        var virtualHost = uri.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? 5672 : uri.Port;
        return new RabbitMqConnection(uri.Host, port, virtualHost, username, password);
    }

    /// <summary>Never prints the password: this ends up in logs and health reports.</summary>
    public override string ToString() => $"amqp://{Username}@{Host}:{Port}/{VirtualHost.TrimStart('/')}";
}
