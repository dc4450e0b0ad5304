using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ArScale.Integration.Tests.Console;

/// <summary>
/// What a console session may do: the same /api/v1 endpoints as client systems, with the scopes of the user's role,
/// writes only with the antiforgery token, and pages only after signing in.
/// </summary>
public sealed class ConsoleAccessTests(ConsoleSystem system) : IClassFixture<ConsoleSystem>
{
    [Fact]
    public async Task The_console_page_sends_a_stranger_to_the_sign_in_page_which_is_open_to_all()
    {
        using var browser = system.Browser();

        using var console = await browser.GetAsync("console/");
        using var login = await browser.GetAsync("console/login");
        using var script = await browser.GetAsync("console/assets/js/app.js");

        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.Equal("/console/login", console.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("script-src 'self'", login.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        using var browser = system.Browser();

        using var signIn = await browser.PostAsJsonAsync("console/session", new { name = ConsoleSystem.Viewer.Name, password = ConsoleSystem.Viewer.Password });

        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("arscale-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_signed_in_user_is_told_their_role_and_its_scopes()
    {
        using var collector = await system.SignedInAsync(ConsoleSystem.Collector);

        var session = await collector.GetFromJsonAsync<JsonElement>("console/session");

        Assert.Equal("kim", session.GetProperty("name").GetString());
        Assert.Equal("collector", session.GetProperty("role").GetString());
        Assert.Equal(["reports:read", "collections:write"], session.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal("c-kim", session.GetProperty("collectorId").GetString());
    }

    [Fact]
    public async Task A_viewer_reads_but_any_change_is_403_naming_the_scope_and_the_role()
    {
        var accountId = await system.CreateAccountAsync();
        using var viewer = await system.SignedInAsync(ConsoleSystem.Viewer);

        using var read = await viewer.GetAsync($"api/v1/accounts/{accountId}");
        using var note = await viewer.PostAsJsonAsync($"api/v1/accounts/{accountId}/notes", new { noteId = "N-1", author = "val", text = "hello" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, note.StatusCode);
        var problem = await note.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Your console role does not allow this.", problem.GetProperty("title").GetString());
        Assert.Contains("'collections:write'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("'viewer'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collector_works_accounts_but_a_write_off_needs_an_admin()
    {
        var accountId = await system.CreateAccountAsync();
        await system.IssueInvoiceAsync(accountId, "INV-1", 250m, "EUR", daysPastDue: 200);
        using var collector = await system.SignedInAsync(ConsoleSystem.Collector);
        using var admin = await system.SignedInAsync(ConsoleSystem.Admin);
        var writeOff = new { writeOffId = "WO-1", invoiceId = "INV-1", date = DateOnly.FromDateTime(DateTime.UtcNow), reason = "customer insolvent" };

        using var note = await collector.PostAsJsonAsync($"api/v1/accounts/{accountId}/notes", new { noteId = "N-1", author = "kim", text = "called, no answer" });
        using var refused = await collector.PostAsJsonAsync($"api/v1/accounts/{accountId}/write-offs", writeOff);
        using var accepted = await admin.PostAsJsonAsync($"api/v1/accounts/{accountId}/write-offs", writeOff);

        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(["collections:write-off"], (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requiredScopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task An_api_key_for_collections_cannot_write_off_either()
    {
        var accountId = await system.CreateAccountAsync();
        using var collections = system.Client(ConsoleSystem.CollectionsKey);

        using var response = await collections.PostAsJsonAsync($"api/v1/accounts/{accountId}/write-offs",
            new { writeOffId = "WO-1", invoiceId = "INV-1", date = "2026-11-30", reason = "customer insolvent" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("The API key lacks a scope this endpoint requires.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_write_with_the_session_but_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var accountId = await system.CreateAccountAsync();
        using var collector = await system.SignedInAsync(ConsoleSystem.Collector, withCsrfToken: false);

        using var forged = await collector.PostAsJsonAsync($"api/v1/accounts/{accountId}/notes", new { noteId = "N-forged", author = "kim", text = "from another site" });
        using var wrongToken = new HttpRequestMessage(HttpMethod.Post, $"api/v1/accounts/{accountId}/notes") { Content = JsonContent.Create(new { noteId = "N-2", author = "kim", text = "x" }) };
        wrongToken.Headers.Add("X-CSRF-Token", "not-the-token");
        using var guessed = await collector.SendAsync(wrongToken);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.EndsWith("/csrf-token-missing", (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, guessed.StatusCode);
        using var reports = system.Client(ConsoleSystem.ReportsKey);
        var history = await reports.GetFromJsonAsync<JsonElement>($"api/v1/accounts/{accountId}/history");
        Assert.Empty(history.GetProperty("notes").EnumerateArray());
    }

    [Fact]
    public async Task Reads_with_the_session_need_no_token_and_keys_never_need_one()
    {
        var accountId = await system.CreateAccountAsync();
        using var viewer = await system.SignedInAsync(ConsoleSystem.Viewer, withCsrfToken: false);
        using var collections = system.Client(ConsoleSystem.CollectionsKey);

        using var read = await viewer.GetAsync($"api/v1/accounts/{accountId}/history");
        using var write = await collections.PostAsJsonAsync($"api/v1/accounts/{accountId}/notes", new { noteId = "N-key", author = "crm", text = "from the CRM" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
    }

    [Fact]
    public async Task A_session_replays_a_note_under_the_same_id_once_like_any_client()
    {
        var accountId = await system.CreateAccountAsync();
        using var collector = await system.SignedInAsync(ConsoleSystem.Collector);
        var note = new { noteId = "N-replayed", author = "kim", text = "promised to call back" };

        using var first = await collector.PostAsJsonAsync($"api/v1/accounts/{accountId}/notes", note);
        using var second = await collector.PostAsJsonAsync($"api/v1/accounts/{accountId}/notes", note);

        Assert.Equal("accepted", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("duplicate", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_admin_sees_the_api_keys_by_prefix_and_never_a_key()
    {
        using var admin = await system.SignedInAsync(ConsoleSystem.Admin);

        var listing = await admin.GetStringAsync("api/v1/admin/api-keys");

        Assert.Contains("ars_consolebill_", listing, StringComparison.Ordinal);
        foreach (var key in new[] { ConsoleSystem.AdminKey, ConsoleSystem.BillingKey, ConsoleSystem.CollectionsKey, ConsoleSystem.ReportsKey })
        {
            Assert.DoesNotContain(key.Split('_')[2], listing, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var viewer = await system.SignedInAsync(ConsoleSystem.Viewer);

        using var signOut = await viewer.DeleteAsync("console/session");

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("api/v1/reports/aging")).StatusCode);
    }

    [Fact]
    public async Task A_key_wins_over_a_session_cookie_sent_along()
    {
        using var viewer = await system.SignedInAsync(ConsoleSystem.Viewer);
        viewer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", ConsoleSystem.BillingKey);

        using var response = await viewer.GetAsync("api/v1/reports/aging");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("The API key lacks a scope this endpoint requires.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}
