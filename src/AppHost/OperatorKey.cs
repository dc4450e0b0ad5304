namespace ArScale.AppHost;

/// <summary>
/// The admin API key of a local system, made once per profile and kept in its state folder, so a restart
/// keeps the same key. The Gateway receives it as a bootstrap key; the AppHost prints it for its user and
/// seeds the demo portfolio with it.
/// </summary>
public static class OperatorKey
{
    public static string LoadOrCreate(string stateDirectory) =>
        LocalSecret.LoadOrCreate(Path.Combine(stateDirectory, "gateway-operator.key"), () => $"ars_operator_{LocalSecret.Random(24)}");

    public static IReadOnlyDictionary<string, string> GatewaySettings(string key) => new Dictionary<string, string>
    {
        ["ArScale__Security__BootstrapKeys__operator__Key"] = key,
        ["ArScale__Security__BootstrapKeys__operator__Scopes__0"] = "admin",
        ["ArScale__Security__BootstrapKeys__operator__RequestsPerSecond"] = "1000",
    };
}
