namespace ArScale.Gateway.OperationsConsole;

/// <summary>The <c>ArScale:Console</c> section.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "ArScale:Console";

    /// <summary>A session ends after this long without a request (sliding): a console left open on a desk signs itself out.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Requests per second a signed-in person may make through the API, as an API key's rate.</summary>
    public int RequestsPerSecond { get; set; } = 20;

    public SignInLimits SignIn { get; set; } = new();

    /// <summary>Users written (password hashed) at start-up: the first admin of a new installation, the AppHost's and tests' users.</summary>
    public Dictionary<string, BootstrapConsoleUser> BootstrapUsers { get; set; } = new(StringComparer.Ordinal);

    public RabbitMqManagementOptions RabbitMqManagement { get; set; } = new();
}

/// <summary>
/// Failed sign-ins allowed per user name and per client address inside <see cref="Window"/>; past that, the
/// name or address is refused for <see cref="Lockout"/> whatever the password.
/// </summary>
public sealed class SignInLimits
{
    public int MaxFailuresPerUser { get; set; } = 5;

    public int MaxFailuresPerAddress { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary><c>ArScale:Console:BootstrapUsers:&lt;name&gt;</c>.</summary>
public sealed class BootstrapConsoleUser
{
    public string? Password { get; set; }

    public string? Role { get; set; }

    public string? CollectorId { get; set; }
}

/// <summary>
/// Where the system page reads queue depths and rates: RabbitMQ's management API. User, password and virtual host
/// default to those of <c>ConnectionStrings:rabbitmq</c>; without <see cref="Url"/> the page says it is not configured.
/// </summary>
public sealed class RabbitMqManagementOptions
{
    public Uri? Url { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? VirtualHost { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);
}
