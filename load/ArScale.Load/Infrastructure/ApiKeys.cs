using System.Security.Cryptography;

namespace ArScale.Load.Infrastructure;

/// <summary>API keys for a run's Gateway, in its format (<c>ars_&lt;id&gt;_&lt;secret&gt;</c>), made for that run only.</summary>
public static class ApiKeys
{
    public static string NewKey() =>
        $"ars_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
}
