using ArScale.Gateway.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace ArScale.Gateway.OperationsConsole.SignIn;

/// <summary>
/// A browser sends the session cookie with any request to the Gateway, so a write made with the cookie must also
/// carry the antiforgery token the console page received (header <see cref="HeaderName"/>), which another site
/// cannot read. SameSite=Strict on the cookie is the second wall. API keys are not sent by browsers on their own
/// and need no token. Signing in needs none either: it takes JSON only, which a cross-site form cannot send.
/// </summary>
public static class CsrfProtection
{
    public const string HeaderName = "X-CSRF-Token";
    public const string CookieName = "arscale-console-csrf";

    public static IServiceCollection AddCsrfProtection(this IServiceCollection services) => services.AddAntiforgery(antiforgery =>
    {
        antiforgery.HeaderName = HeaderName;
        antiforgery.Cookie.Name = CookieName;
        antiforgery.Cookie.HttpOnly = true;
        antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    });

    /// <summary>After authentication: refuses a session-authenticated write without a valid token, before any endpoint runs.</summary>
    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (ConsoleAuthentication.IsConsoleSession(context.User) && !IsSafe(context.Request.Method) && !IsSignIn(context.Request)
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            await SecurityProblems.WriteAsync(context, SecurityProblems.CsrfTokenMissing(HeaderName));
            return;
        }

        await next(context);
    });

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(ConsoleSessionApi.Path, StringComparison.OrdinalIgnoreCase);
}
