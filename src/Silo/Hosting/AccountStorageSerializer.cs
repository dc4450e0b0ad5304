using System.Text.Json;
using ArScale.Dunning;
using Orleans.Storage;

namespace ArScale.Silo.Hosting;

/// <summary>Account state is stored as the domain's own JSON, readable in PostgreSQL and free of Orleans attributes.</summary>
public sealed class AccountStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, DunningJson.Options));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, DunningJson.Options)!;
    }
}
