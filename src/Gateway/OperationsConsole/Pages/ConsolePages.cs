using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ArScale.Gateway.OperationsConsole;

/// <summary>
/// The console's pages and files: <c>/console/</c> (the application, behind a session), <c>/console/login</c>
/// and <c>/console/assets/…</c> (scripts, styles, dictionaries, the chart library; nothing in them is secret).
/// Plain files copied next to the Gateway's binary: no build step, nothing fetched from the network.
/// </summary>
public static class ConsolePages
{
    public const string Root = "/console";
    public const string AssetsPath = "/console/assets";

    // Scripts, styles and data only from the Gateway itself; no inline script, no framing by other sites.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "console");

    /// <summary>A request for one of the console's pages, as opposed to one of its API calls.</summary>
    public static bool IsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && (request.Path.Equals(Root) || request.Path.Equals(Root + "/") || request.Path.Equals(ConsoleAuthentication.LoginPath));

    /// <summary>Headers for everything under <c>/console</c>, and its static files, served before authentication: they are the same for everyone.</summary>
    public static WebApplication UseConsoleAssets(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Root), console => console.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        }));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(Folder, "assets")),
            RequestPath = AssetsPath,
            // Revalidated on every load (the ETag makes that cheap), so a new Gateway version is picked up at once.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    public static IEndpointRouteBuilder MapConsolePages(this IEndpointRouteBuilder app)
    {
        app.MapGet(Root, () => Page("index.html"))
            .RequireAuthorization(ConsoleAuthentication.SessionPolicy)
            .ExcludeFromDescription();
        app.MapGet(ConsoleAuthentication.LoginPath, () => Page("login.html"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Page(string file) => Results.File(Path.Combine(Folder, file), "text/html; charset=utf-8");
}
