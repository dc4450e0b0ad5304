using System.Globalization;

namespace ArScale.Gateway.Security;

/// <summary>
/// <c>api-keys create --name &lt;name&gt; --scopes a,b [--requests-per-second n]</c>, <c>api-keys list</c>,
/// <c>api-keys revoke &lt;id&gt;</c>: key administration from the Gateway's own binary, against its configured database,
/// without starting the web server. A new key is written alone on standard output (so a script can capture it) and
/// never again.
/// </summary>
public sealed class ApiKeyCommand(ApiKeyStore store, TextWriter output, TextWriter messages)
{
    public const string Verb = "api-keys";

    private const string Usage = """
        usage: api-keys create --name <name> --scopes <scope,scope> [--requests-per-second <n>]
               api-keys list
               api-keys revoke <id>
        """;

    public static bool Handles(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Verb;

    /// <summary>Runs the command in <paramref name="args"/> (starting with <see cref="Verb"/>); returns the process exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        switch (args.Skip(1).FirstOrDefault())
        {
            case "create":
                return await CreateAsync(args.Skip(2).ToList(), cancellationToken);
            case "list" when args.Count == 2:
                return await ListAsync(cancellationToken);
            case "revoke" when args.Count == 3:
                return await RevokeAsync(args[2], cancellationToken);
            default:
                await messages.WriteLineAsync(Usage);
                return 2;
        }
    }

    private async Task<int> CreateAsync(List<string> options, CancellationToken cancellationToken)
    {
        string? name = null, scopes = null, rate = null;
        for (var index = 0; index < options.Count; index += 2)
        {
            var value = index + 1 < options.Count ? options[index + 1] : null;
            switch (options[index])
            {
                case "--name": name = value; break;
                case "--scopes": scopes = value; break;
                case "--requests-per-second": rate = value; break;
                default:
                    await messages.WriteLineAsync($"unknown option '{options[index]}'\n{Usage}");
                    return 2;
            }
        }

        int? requestsPerSecond = null;
        if (rate is not null)
        {
            if (!int.TryParse(rate, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                await messages.WriteLineAsync($"--requests-per-second: '{rate}' is not a whole number");
                return 2;
            }

            requestsPerSecond = parsed;
        }

        var request = new NewApiKey(name, scopes?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), requestsPerSecond);
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            foreach (var (field, problems) in errors)
            {
                await messages.WriteLineAsync($"--{Option(field)}: {string.Join("; ", problems)}");
            }

            return 2;
        }

        var (key, token) = await store.CreateAsync(request, cancellationToken);
        await messages.WriteLineAsync(
            $"Created API key '{key.Name}': id {key.Id}, scopes {string.Join(",", key.Scopes)}. Store the key below now; it is not shown again.");
        await output.WriteLineAsync(token.Reveal());
        return 0;
    }

    private async Task<int> ListAsync(CancellationToken cancellationToken)
    {
        var keys = await store.ListAsync(cancellationToken);
        await output.WriteLineAsync("id                prefix                  name                            scopes                                      rate  created               last used             revoked");
        foreach (var key in keys)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{key.Id,-17} {ApiKeyToken.PrefixOf(key.Id),-23} {Truncate(key.Name, 31),-31} {string.Join(",", key.Scopes),-43} {key.RequestsPerSecond?.ToString(CultureInfo.InvariantCulture) ?? "-",5}  {Time(key.CreatedAt),-20}  {Time(key.LastUsedAt),-20}  {Time(key.RevokedAt)}"));
        }

        return 0;
    }

    private async Task<int> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        if (!await store.RevokeAsync(id, cancellationToken))
        {
            await messages.WriteLineAsync($"There is no API key with id {id}.");
            return 1;
        }

        await messages.WriteLineAsync($"Revoked API key {id}. Running Gateways refuse it once their key cache expires.");
        return 0;
    }

    private static string Option(string field) => field == "requestsPerSecond" ? "requests-per-second" : field;

    private static string Truncate(string value, int length) => value.Length <= length ? value : string.Concat(value.AsSpan(0, length - 1), "…");

    private static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
