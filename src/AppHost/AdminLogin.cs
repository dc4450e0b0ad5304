namespace ArScale.AppHost;

/// <summary>
/// The person's login to the local system: user <c>admin</c> with a password made once per profile and kept in
/// its state folder. The Gateway creates it as the operations console's first user; the silos accept it for the
/// Orleans Dashboard. The AppHost prints both with their URLs.
/// </summary>
public static class AdminLogin
{
    public const string UserName = "admin";

    public static string LoadOrCreatePassword(string stateDirectory) =>
        LocalSecret.LoadOrCreate(Path.Combine(stateDirectory, "console-admin.password"), () => LocalSecret.Random(15));

    public static IReadOnlyDictionary<string, string> ConsoleSettings(string password) => new Dictionary<string, string>
    {
        [$"ArScale__Console__BootstrapUsers__{UserName}__Password"] = password,
        [$"ArScale__Console__BootstrapUsers__{UserName}__Role"] = "admin",
    };

    public static IReadOnlyDictionary<string, string> DashboardSettings(string password) => new Dictionary<string, string>
    {
        ["ArScale__Dashboard__Username"] = UserName,
        ["ArScale__Dashboard__Password"] = password,
    };
}
