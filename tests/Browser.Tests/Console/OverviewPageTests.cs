namespace ArScale.Browser.Tests.Console;

[Collection(nameof(ConsoleInBrowser))]
public sealed class OverviewPageTests(ConsoleInBrowser console)
{
    [Fact]
    public async Task Signing_in_opens_the_overview_with_its_charts_drawn_from_the_portfolio()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Admin);

        await Expect(page.Locator("[data-page=overview] h1")).ToHaveTextAsync("Portfolio overview");
        foreach (var chart in new[] { "aging-chart", "overdue-by-segment-chart", "notices-per-hour-chart" })
        {
            Assert.True(await ValuesDrawnAsync(page, chart) > 0, $"{chart} has no data");
        }

        await Expect(page.Locator("[data-page=overview] table.data tbody tr").First).ToContainTextAsync("BR-1003");
        await ConsoleInBrowser.ScreenshotAsync(page, "overview");
        console.AssertNoScriptErrors(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_console_speaks_chinese_with_numbers_and_money_in_chinese_form()
    {
        var page = await console.SignedInPageAsync(ConsoleSystem.Admin);

        await page.Locator("#language").SelectOptionAsync("zh-CN");

        await Expect(page.Locator("[data-page=overview] h1")).ToHaveTextAsync("资产组合概览");
        await Expect(page.Locator("nav a[data-nav=accounts]")).ToHaveTextAsync("账户");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        Assert.True(await ValuesDrawnAsync(page, "aging-chart") > 0);
        await Expect(page.Locator(".cards")).ToContainTextAsync("€");
        await ConsoleInBrowser.ScreenshotAsync(page, "overview-zh-CN");

        await page.ReloadAsync();
        await Expect(page.Locator("[data-page=overview] h1")).ToHaveTextAsync("资产组合概览");
        console.AssertNoScriptErrors(page);
        await page.Context.CloseAsync();
    }

    /// <summary>How many non-zero values the Chart.js chart on the canvas holds, once it has drawn.</summary>
    private static async Task<int> ValuesDrawnAsync(IPage page, string canvasId)
    {
        await page.Locator($"canvas#{canvasId}").WaitForAsync();
        return await page.EvaluateAsync<int>(
            "id => { const chart = window.Chart.getChart(id); return chart ? chart.data.datasets.flatMap(d => d.data).filter(v => v > 0).length : -1; }",
            canvasId);
    }
}
