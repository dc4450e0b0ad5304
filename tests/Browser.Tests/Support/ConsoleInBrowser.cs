using Microsoft.Playwright;

namespace ArScale.Browser.Tests.Support;

[CollectionDefinition(nameof(ConsoleInBrowser))]
public sealed class ConsoleInBrowserCollection : ICollectionFixture<ConsoleInBrowser>;

/// <summary>
/// The console on a real Gateway, silo, database and broker, with a small portfolio seeded through the billing API,
/// and Debian's Chromium driven by Playwright (headless, no browser download, no network). One per test run: each
/// test opens its own browser context, so sessions never leak between tests.
/// </summary>
public sealed class ConsoleInBrowser : ConsoleSystem
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPage, List<string>> pageErrors = new();
    private IPlaywright? playwright;

    public IBrowser Chromium { get; private set; } = null!;

    /// <summary>Where each page's screenshot goes: <c>ARSCALE_SCREENSHOTS</c>, else <c>.test-results/screenshots</c> in the repository.</summary>
    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("ARSCALE_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(TestEnvironment.RepositoryRoot, ".test-results", "screenshots");

    public override async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (scripts/test.sh does: apt-get install chromium).");
        }

        var browser = StartBrowserAsync();
        await base.InitializeAsync();
        await Portfolio.SeedAsync(this);
        await browser;
    }

    /// <summary>A fresh browser context signed in as <paramref name="user"/> through the sign-in page, on the console's overview.</summary>
    public async Task<IPage> SignedInPageAsync(ConsoleLogin user, string language = "en")
    {
        var page = await NewPageAsync(language);
        await page.GotoAsync(Url("console/"));
        await page.WaitForURLAsync("**/console/login**");
        await page.Locator("#name").FillAsync(user.Name);
        await page.Locator("#password").FillAsync(user.Password);
        await page.Locator("#sign-in").ClickAsync();
        await page.Locator("#signed-in-user").WaitForAsync();
        return page;
    }

    /// <summary>A fresh browser context on nothing yet; the page's language starts as <paramref name="language"/> (its Accept-Language).</summary>
    public async Task<IPage> NewPageAsync(string language = "en")
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = language,
            TimezoneId = "Europe/Berlin",
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        pageErrors[page] = errors;

        // A script error or a refused Content-Security-Policy shows up here first: the test fails rather than pass on half a page.
        // Refused requests are the server's answer, not the page's fault, and tests provoke them on purpose.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("the server responded with a status of 4", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) =>
        {
            // Chromium reports a resize that took two frames to settle (a chart fitting its box) as an error; it is not one.
            if (!error.Contains("ResizeObserver loop", StringComparison.Ordinal))
            {
                errors.Add(error);
            }
        };
        return page;
    }

    /// <summary>The page ran without a script error, a refused policy or an unexpected failure logged to its console.</summary>
    public void AssertNoScriptErrors(IPage page) => Assert.Empty(pageErrors.GetValueOrDefault(page) ?? []);

    public string Url(string path) => new Uri(Gateway.Address, path).ToString();

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    public override async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }

    private async Task StartBrowserAsync()
    {
        playwright = await Playwright.CreateAsync();
        Chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no outside network: nothing in the background may try to reach it.
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }
}
