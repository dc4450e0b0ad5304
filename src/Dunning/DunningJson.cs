using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ArScale.Dunning;

/// <summary>The one JSON shape of the domain: account state, commands and decisions.</summary>
public static class DunningJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return JsonSerializer.Serialize(account.State, Options);
    }

    public static Account DeserializeAccount(string json) =>
        Account.Restore(JsonSerializer.Deserialize<AccountState>(json, Options)
            ?? throw new JsonException("The JSON holds no account state."));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Strings, not numbers, so that reordering an enum can never reinterpret stored state.
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
            NumberHandling = JsonNumberHandling.Strict,
            DictionaryKeyPolicy = null,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
