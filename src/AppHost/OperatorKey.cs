using System.Security.Cryptography;

namespace ArScale.AppHost;

/// <summary>
/// The admin API key of a local system, made once per profile and kept in its state folder, so a restart
/// keeps the same key. The Gateway receives it as a bootstrap key; the AppHost prints it for its user.
/// </summary>
public static class OperatorKey
{
    public static string LoadOrCreate(string stateDirectory)
    {
        var file = Path.Combine(stateDirectory, "gateway-operator.key");
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }

        Directory.CreateDirectory(stateDirectory);
        var key = $"ars_operator_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=')}";
        File.WriteAllText(file, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }

    public static IReadOnlyDictionary<string, string> GatewaySettings(string key) => new Dictionary<string, string>
    {
        ["ArScale__Security__BootstrapKeys__operator__Key"] = key,
        ["ArScale__Security__BootstrapKeys__operator__Scopes__0"] = "admin",
        ["ArScale__Security__BootstrapKeys__operator__RequestsPerSecond"] = "1000",
    };
}
