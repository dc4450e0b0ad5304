namespace ArScale.Browser.Tests.Console;

[Collection(nameof(ConsoleInBrowser))]
public sealed class SignInPageTests(ConsoleInBrowser console)
{
    [Fact]
    public async Task A_wrong_password_keeps_the_console_closed_and_reads_exactly_like_an_unknown_user()
    {
        var page = await console.NewPageAsync();
        await page.GotoAsync(console.Url("console/"));
        await page.WaitForURLAsync("**/console/login**");

        var wrongPassword = await RefusalAsync(page, ConsoleSystem.Viewer.Name, "not-the-password");
        await ConsoleInBrowser.ScreenshotAsync(page, "login-refused");
        var unknownUser = await RefusalAsync(page, "nobody-at-all", "not-the-password");

        Assert.Equal("The user name or the password is not right.", wrongPassword);
        Assert.Equal(wrongPassword, unknownUser);
        Assert.Contains("/console/login", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#signed-in-user")).ToHaveCountAsync(0);
        console.AssertNoScriptErrors(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_page_and_the_console_stays_closed_behind()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Viewer);

        await page.Locator("#sign-out").ClickAsync();
        await page.WaitForURLAsync("**/console/login**");
        await page.GotoAsync(console.Url("console/#/accounts/BR-1001"));

        await page.WaitForURLAsync("**/console/login**");
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private static async Task<string> RefusalAsync(IPage page, string name, string password)
    {
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        var error = page.Locator("#login-error.error");
        await error.WaitForAsync();
        return await error.InnerTextAsync();
    }
}
