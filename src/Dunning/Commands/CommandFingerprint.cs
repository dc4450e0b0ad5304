using System.Security.Cryptography;
using System.Text.Json;

namespace ArScale.Dunning;

/// <summary>A hash of what a command says (its id left out), to tell a replay from a different command reusing an id.</summary>
public static class CommandFingerprint
{
    public static string Of(AccountCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var content = JsonSerializer.SerializeToUtf8Bytes(command with { CommandId = string.Empty }, DunningJson.Options);
        return Convert.ToHexString(SHA256.HashData(content))[..32];
    }
}
