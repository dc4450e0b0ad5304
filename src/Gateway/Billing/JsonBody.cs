using System.Text.Json;
using System.Text.Json.Serialization;
using ArScale.Dunning;

namespace ArScale.Gateway.Billing;

/// <summary>
/// Reads a request body strictly: a required field that is missing, a null where none is allowed or a value
/// of the wrong type is a 400 problem naming the field (its JSON path), never a default that slips through.
/// </summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.Invalid("body", "the body must be JSON (Content-Type: application/json)", StatusCodes.Status415UnsupportedMediaType));
        }

        try
        {
            var body = await request.ReadFromJsonAsync<T>(Options, request.HttpContext.RequestAborted);
            return body is null ? (null, Problems.Invalid("body", "the body is empty")) : (body, null);
        }
        catch (JsonException exception)
        {
            return (null, Problems.Invalid(MissingField(exception) ?? FieldOf(exception.Path), Describe(exception)));
        }
    }

    /// <summary>A missing required property is reported against the object that lacks it; name the property itself.</summary>
    private static string? MissingField(JsonException exception)
    {
        var message = exception.Message;
        if (!message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return null;
        }

        var including = message.IndexOf("including:", StringComparison.Ordinal);
        var start = including < 0 ? -1 : message.IndexOf('\'', including);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        if (end < 0)
        {
            return null;
        }

        var parent = FieldOf(exception.Path);
        var name = message[(start + 1)..end];
        return parent == "body" ? name : $"{parent}.{name}";
    }

    /// <summary>"$.items[3].amount" → "items[3].amount": the field as the client wrote it.</summary>
    private static string FieldOf(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string Describe(JsonException exception)
    {
        // The serializer's message repeats the path and names .NET types; keep the part that says what is wrong.
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
