using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ArScale.Integration.Tests.Console;

/// <summary>Sign-in limits low enough to reach in a test: three failures per name, six per address.</summary>
public sealed class ThrottledConsole : ConsoleSystem
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ArScale:Console:SignIn:MaxFailuresPerUser"] = "3";
        settings["ArScale:Console:SignIn:MaxFailuresPerAddress"] = "6";
    }
}

/// <summary>
/// Signing in to the console: a refusal never says which part was wrong, guessing is throttled per name and per
/// address whether or not the name exists, and nothing about a refusal opens a session. Each test signs in from
/// loopback addresses of its own, since failures are counted per address.
/// </summary>
public sealed class ConsoleSignInTests(ThrottledConsole system) : IClassFixture<ThrottledConsole>
{
    private readonly IPAddress address = ConsoleSystem.NextAddress();

    [Fact]
    public async Task An_unknown_user_and_a_wrong_password_get_the_very_same_answer_and_no_session()
    {
        using var unknown = system.Browser(address);
        using var wrong = system.Browser(address);

        var (unknownStatus, unknownProblem) = await SignInAsync(unknown, "nobody-here", "whatever-password");
        var (wrongStatus, wrongProblem) = await SignInAsync(wrong, ConsoleSystem.Viewer.Name, "not-the-password");

        Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
        Assert.Equal(unknownStatus, wrongStatus);
        Assert.Equal(Without(unknownProblem, "traceId"), Without(wrongProblem, "traceId"));
        Assert.Equal("The user name or the password is not right.", wrongProblem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("console/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("api/v1/reports/aging")).StatusCode);
    }

    [Fact]
    public async Task A_name_locked_by_failures_is_refused_even_with_the_right_password_and_a_made_up_name_reads_the_same()
    {
        var user = await NewUserAsync("collector");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(address, user.Name, $"wrong-{attempt}-password")).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(address, "made-up-" + user.Name, $"wrong-{attempt}-password")).Status);
        }

        // From other addresses: what refuses now is the name's lock, not this address's count.
        using var real = system.Browser(ConsoleSystem.NextAddress());
        using var response = await real.PostAsJsonAsync("console/session", new { name = user.Name, password = user.Password });
        var (madeUpStatus, madeUp) = await SignInAsync(ConsoleSystem.NextAddress(), "made-up-" + user.Name, "any-password-at-all");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, madeUpStatus);
        Assert.True(int.Parse(response.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var locked = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Without(locked, "traceId", "detail"), Without(madeUp, "traceId", "detail"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await real.GetAsync("console/session")).StatusCode);
    }

    [Fact]
    public async Task An_admin_lifts_a_lock_early_from_the_command_line()
    {
        var user = await NewUserAsync("viewer");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await SignInAsync(address, user.Name, $"wrong-{attempt}-password");
        }

        var (exitCode, _, messages) = await RunAsync("console-users", "unlock", user.Name);

        Assert.Equal(0, exitCode);
        Assert.Contains("Cleared", messages, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await SignInAsync(ConsoleSystem.NextAddress(), user.Name, user.Password)).Status);
    }

    [Fact]
    public async Task A_right_password_clears_the_names_failures()
    {
        var user = await NewUserAsync("viewer");
        await SignInAsync(address, user.Name, "wrong-password-1");
        await SignInAsync(address, user.Name, "wrong-password-2");

        Assert.Equal(HttpStatusCode.NoContent, (await SignInAsync(address, user.Name, user.Password)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(address, user.Name, "wrong-password-3")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(address, user.Name, "wrong-password-4")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SignInAsync(ConsoleSystem.NextAddress(), user.Name, user.Password)).Status);
    }

    [Fact]
    public async Task Too_many_failures_from_one_address_refuse_every_name_from_it_even_a_right_password()
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(address, $"guess-{attempt}", "guessed-password")).Status);
        }

        var (fromThere, _) = await SignInAsync(address, ConsoleSystem.Admin.Name, ConsoleSystem.Admin.Password);
        var (fromElsewhere, _) = await SignInAsync(ConsoleSystem.NextAddress(), ConsoleSystem.Admin.Name, ConsoleSystem.Admin.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, fromThere);
        Assert.Equal(HttpStatusCode.NoContent, fromElsewhere);
    }

    [Fact]
    public async Task A_disabled_user_is_refused_like_a_wrong_password_and_their_open_session_ends()
    {
        var user = await NewUserAsync("collector");
        using var session = await system.SignedInAsync(user, from: address);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("api/v1/reports/aging")).StatusCode);

        await RunAsync("console-users", "disable", user.Name);
        var (status, problem) = await SignInAsync(address, user.Name, user.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.EndsWith("/sign-in-refused", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        using var afterwards = await session.GetAsync("api/v1/reports/aging");
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Equal("Your console session has ended.", (await afterwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_new_password_ends_the_sessions_opened_with_the_old_one()
    {
        var user = await NewUserAsync("viewer");
        using var session = await system.SignedInAsync(user, from: address);

        var (exitCode, newPassword, _) = await RunAsync("console-users", "reset-password", user.Name);

        Assert.Equal(0, exitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("api/v1/reports/aging")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SignInAsync(address, user.Name, newPassword.Trim())).Status);
    }

    [Fact]
    public async Task Signing_in_takes_json_only_so_a_cross_site_form_cannot_sign_anyone_in()
    {
        using var client = system.Browser(address);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = ConsoleSystem.Admin.Name, ["password"] = ConsoleSystem.Admin.Password });

        using var response = await client.PostAsync("console/session", form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    /// <summary>A sign-in from a fresh browser at <paramref name="from"/>.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Problem)> SignInAsync(IPAddress from, string name, string password)
    {
        using var client = system.Browser(from);
        return await SignInAsync(client, name, password);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> SignInAsync(HttpClient client, string name, string password)
    {
        using var response = await client.PostAsJsonAsync("console/session", new { name, password });
        var body = response.Content.Headers.ContentLength is > 0 ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        return (response.StatusCode, body);
    }

    private static Dictionary<string, string> Without(JsonElement problem, params string[] fields) =>
        problem.EnumerateObject().Where(property => !fields.Contains(property.Name)).ToDictionary(property => property.Name, property => property.Value.ToString());

    /// <summary>A user of its own per test: the lock-out tests must not lock each other's names.</summary>
    private async Task<ConsoleLogin> NewUserAsync(string role)
    {
        var name = $"u{Guid.NewGuid():N}"[..12];
        var (exitCode, password, messages) = await RunAsync("console-users", "create", "--name", name, "--role", role);
        Assert.True(exitCode == 0, messages);
        return new ConsoleLogin(name, password.Trim(), role);
    }

    private Task<(int ExitCode, string Output, string Messages)> RunAsync(params string[] args) => ConsoleUserCommands.RunAsync(system, args);
}
