namespace ArScale.Tests.Support;

/// <summary>
/// Where the test infrastructure is. scripts/test.sh exports these from <c>scripts/infra.sh env --profile test</c>;
/// the fallbacks are that profile's ports, so a developer with the test profile running can use plain dotnet test.
/// </summary>
public static class TestEnvironment
{
    public static string Postgres => Get("ConnectionStrings__postgres", "Host=127.0.0.1;Port=26432;Username=postgres;Database=arscale;Maximum Pool Size=100");
    public static string RabbitMq => Get("ConnectionStrings__rabbitmq", "amqp://guest:guest@127.0.0.1:26672/");
    public static string RabbitMqManagement => Get("ARSCALE_RABBIT_MANAGEMENT_URL", "http://127.0.0.1:26673/");
    public static string Smtp => Get("ConnectionStrings__smtp", "smtp://127.0.0.1:26025");
    public static string SmtpMaildir => Get("ARSCALE_SMTP_MAILDIR", Path.Combine(RepositoryRoot, ".infra", "test", "mail"));
    public static string RepositoryRoot => FindRepositoryRoot();

    private static string Get(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ArScale.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Could not find ArScale.sln above the test output folder.");
    }
}
