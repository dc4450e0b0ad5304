namespace ArScale.Browser.Tests.Console;

[Collection(nameof(ConsoleInBrowser))]
public sealed class OperationsPageTests(ConsoleInBrowser console)
{
    [Fact]
    public async Task A_collectors_work_queue_lists_their_tasks_by_deadline_with_the_late_one_marked()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Collector);

        await page.Locator("nav a[data-nav=queue]").ClickAsync();

        await Expect(page.Locator("#collector-id")).ToHaveValueAsync("c-kim");
        var rows = page.Locator("#queue tbody tr");
        await Expect(rows.Nth(0)).ToContainTextAsync("BR-1001");
        await Expect(rows.Nth(0).Locator(".badge")).ToHaveTextAsync("late");
        await Expect(page.Locator("#queue")).ToContainTextAsync("BR-1003");
        await ConsoleInBrowser.ScreenshotAsync(page, "queue");
        console.AssertNoScriptErrors(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_notice_log_filters_by_status_and_never_shows_a_whole_address()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Viewer);
        await page.Locator("nav a[data-nav=notices]").ClickAsync();
        await Expect(page.Locator("#notice-log tbody tr").First).ToBeVisibleAsync();

        await page.Locator("#filter-status").SelectOptionAsync("Failed");
        await page.Locator("form.filters button[type=submit]").ClickAsync();

        var statuses = page.Locator("#notice-log tbody tr td:nth-child(7)");
        await Expect(statuses.First).ToHaveTextAsync("Failed");
        Assert.All(await statuses.AllInnerTextsAsync(), status => Assert.Equal("Failed", status));
        Assert.DoesNotContain("br-1001@example.test", await page.Locator("#notice-log").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleInBrowser.ScreenshotAsync(page, "notices");
        console.AssertNoScriptErrors(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_system_page_shows_the_silo_its_activations_the_queues_and_api_keys_by_prefix_only()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Admin);

        await page.Locator("nav a[data-nav=system]").ClickAsync();

        await Expect(page.Locator("[data-page=system]")).ToContainTextAsync("silo-a");
        // A broker slow to answer shows as such and the page asks again 5 s later: allow a few rounds on a busy machine.
        await Expect(page.Locator("[data-page=system]")).ToContainTextAsync("account-summary-projection", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-page=system]")).ToContainTextAsync("ars_consolebill_…");
        var text = await page.Locator("[data-page=system]").InnerTextAsync();
        foreach (var key in new[] { ConsoleSystem.AdminKey, ConsoleSystem.BillingKey, ConsoleSystem.CollectionsKey, ConsoleSystem.ReportsKey })
        {
            Assert.DoesNotContain(key.Split('_')[2], text, StringComparison.Ordinal);
        }

        await ConsoleInBrowser.ScreenshotAsync(page, "system");
        console.AssertNoScriptErrors(page);
        await page.Context.CloseAsync();
    }
}
