using System.Security.Claims;
using ArScale.Gateway.OperationsConsole;

namespace ArScale.Gateway.Security;

/// <summary>Who made a request, as an account's history records it: never taken from the request body.</summary>
public static class Callers
{
    /// <summary>A console user by name; a client system by its key's name and public id.</summary>
    public static string NameOf(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? "unknown";
        return user.Identity?.AuthenticationType == ConsoleAuthentication.CookieScheme
            ? name
            : $"{name} (API key {user.FindFirstValue(ClaimTypes.NameIdentifier)})";
    }
}
