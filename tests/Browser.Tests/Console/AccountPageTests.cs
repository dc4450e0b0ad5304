namespace ArScale.Browser.Tests.Console;

[Collection(nameof(ConsoleInBrowser))]
public sealed class AccountPageTests(ConsoleInBrowser console)
{
    [Fact]
    public async Task Searching_by_name_finds_the_accounts_and_one_opens_with_its_invoices_stage_and_next_step()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Collector);
        await page.Locator("nav a[data-nav=accounts]").ClickAsync();

        await page.Locator("#account-search").FillAsync("meridian");
        await page.Locator("#account-search").PressAsync("Enter");

        var results = page.Locator("#search-results table tbody tr");
        await Expect(results).ToHaveCountAsync(2);
        await Expect(results.Nth(0)).ToContainTextAsync("Meridian Logistics GmbH");
        await ConsoleInBrowser.ScreenshotAsync(page, "accounts");

        await page.Locator("#search-results a", new() { HasText = "BR-1001" }).ClickAsync();
        await Expect(page.Locator("[data-page=account] h1")).ToHaveTextAsync("Meridian Logistics GmbH");
        var invoices = page.Locator("[data-page=account] .account-main > table.data").First;
        await Expect(invoices).ToContainTextAsync("INV-1001-A");
        await Expect(invoices).ToContainTextAsync("INV-1001-B");
        await Expect(invoices.Locator("tbody tr").First).ToContainTextAsync("€3,200.00");
        await ConsoleInBrowser.ScreenshotAsync(page, "account");
        console.AssertNoScriptErrors(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_collector_adds_a_note_and_sees_it_in_the_history()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Collector);
        await page.GotoAsync(console.Url("console/#/accounts/BR-1004"));

        await page.Locator("#note-text").FillAsync("Called Mr Atlas: invoice approved, payment run on Friday.");
        await page.Locator("#add-note-submit").ClickAsync();

        await Expect(page.Locator("#flash")).ToHaveTextAsync("The note is in the history.");
        var note = page.Locator("#history li[data-kind=note]").First;
        await Expect(note).ToContainTextAsync("Called Mr Atlas: invoice approved, payment run on Friday.");
        await Expect(note).ToContainTextAsync("kim");
        console.AssertNoScriptErrors(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_collector_pauses_dunning_and_the_account_shows_it_paused_with_who_and_why()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Collector);
        await page.GotoAsync(console.Url("console/#/accounts/BR-1002"));
        await Expect(page.Locator("#dunning-state")).ToHaveAttributeAsync("data-paused", "false");

        await page.Locator("#pause-reason").FillAsync("Customer disputes the delivery by phone; written dispute to follow");
        await page.Locator("#pause-dunning-submit").ClickAsync();

        await Expect(page.Locator("#dunning-state")).ToHaveAttributeAsync("data-paused", "true");
        await Expect(page.Locator("#pause-note")).ToContainTextAsync("kim");
        await Expect(page.Locator("#pause-note")).ToContainTextAsync("Customer disputes the delivery by phone");
        await Expect(page.Locator("#resume-dunning-submit")).ToBeEnabledAsync();
        await Expect(page.Locator("#history li[data-kind=paused]")).ToHaveCountAsync(1);
        await ConsoleInBrowser.ScreenshotAsync(page, "account-paused");

        // The account summary (what search and reports read) follows through the bus.
        await page.GotoAsync(console.Url("console/#/accounts?q=BR-1002"));
        await Expect(page.Locator("#search-results tbody tr").First).ToContainTextAsync("Dunning paused", new() { Timeout = 10_000 });
        console.AssertNoScriptErrors(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_viewer_cannot_write_off_in_the_page_nor_by_calling_the_api_from_it()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Viewer);
        await page.GotoAsync(console.Url("console/#/accounts/BR-1003"));

        await Expect(page.Locator("#write-off-submit")).ToBeDisabledAsync();
        await Expect(page.Locator("#write-off")).ToContainTextAsync("Write-offs need the admin role.");
        await Expect(page.Locator("#add-note-submit")).ToBeDisabledAsync();
        var status = await page.EvaluateAsync<int>("""
            async () => {
              const session = await (await fetch('/console/session')).json();
              const response = await fetch('/api/v1/accounts/BR-1003/write-offs', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', [session.csrfHeader]: session.csrfToken },
                body: JSON.stringify({ writeOffId: 'WO-viewer', invoiceId: 'INV-1003-A', date: '2026-11-30', reason: 'viewer tries' }),
              });
              return response.status;
            }
            """);

        Assert.Equal(403, status);
        await page.ReloadAsync();
        await Expect(page.Locator("[data-page=account] .account-main > table.data").First).Not.ToContainTextAsync("Written off");
        await ConsoleInBrowser.ScreenshotAsync(page, "account-viewer");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_writes_off_an_invoice_after_confirming()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Admin);
        await page.GotoAsync(console.Url("console/#/accounts/BR-1005"));
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.Locator("#write-off-reason").FillAsync("Customer insolvent, claim filed with the administrator");
        await page.Locator("#write-off-submit").ClickAsync();

        await Expect(page.Locator("#flash")).ToHaveTextAsync("The invoice is written off.");
        await Expect(page.Locator("[data-page=account] .account-main > table.data").First).ToContainTextAsync("Written off");
        console.AssertNoScriptErrors(page);
        await page.Context.CloseAsync();
    }
}
