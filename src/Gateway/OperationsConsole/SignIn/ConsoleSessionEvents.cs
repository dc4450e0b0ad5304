using System.Security.Claims;
using ArScale.Gateway.OperationsConsole.Users;
using ArScale.Gateway.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ArScale.Gateway.OperationsConsole.SignIn;

/// <summary>
/// Checks the stored user behind a session on every request (one primary-key read; people, not machines, use the
/// console): a disabled user or a changed password ends the session at once, a changed role applies at once.
/// Refusals are problem details for API calls and a redirect to the sign-in page for the console's own page.
/// </summary>
public sealed class ConsoleSessionEvents(ConsoleUserStore users, IOptionsMonitor<ConsoleOptions> options) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var stamp = context.Principal?.FindFirstValue(ConsoleAuthentication.PasswordStampClaim);
        var user = name is null ? null : await users.FindAsync(name, context.HttpContext.RequestAborted);
        if (user is null || user.IsDisabled || user.PasswordStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleAuthentication.CookieScheme);
            return;
        }

        context.ReplacePrincipal(ConsoleAuthentication.PrincipalFor(user, options.CurrentValue.RequestsPerSecond));
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (ConsolePages.IsPage(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        return SecurityProblems.WriteAsync(context.HttpContext, SecurityProblems.SessionRequired());
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        var missing = context.Properties.GetParameter<IReadOnlyCollection<string>>(ApiKeyAuthenticationHandler.MissingScopesItem) ?? [];
        var role = context.HttpContext.User.FindFirstValue(ConsoleAuthentication.RoleClaim);
        return SecurityProblems.WriteAsync(context.HttpContext, SecurityProblems.MissingScope(missing, role));
    }
}
