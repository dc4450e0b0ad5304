using ArScale.Notifier.Log;
using ArScale.Notifier.Notices;
using ArScale.ServiceDefaults.Batching;
using Npgsql;

namespace ArScale.Integration.Tests.Notifier;

/// <summary>
/// The Notifier log's claims and outcomes, hundreds at once so they share statements, on a real PostgreSQL: each
/// notice still gets the answer a statement of its own would have given.
/// </summary>
public sealed class NoticeLogBatchTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Deadline = TimeSpan.FromHours(48);

    [Fact]
    public async Task Concurrent_claims_are_granted_once_held_elsewhere_for_another_worker_and_final_once_completed()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var log = new NoticeLog(dataSource, new CoalescerOptions { MaxBatch = 64, Flushers = 2 });
        var notices = Enumerable.Range(0, 300).Select(index => Notice($"batch-{Guid.NewGuid():N}:{index}", ["INV-1", $"INV-{index}"])).ToList();

        var first = await Task.WhenAll(notices.Select(notice => log.ClaimAsync(notice, "worker-a", Lease, Deadline, CancellationToken.None)));
        var rival = await Task.WhenAll(notices.Select(notice => log.ClaimAsync(notice, "worker-b", Lease, Deadline, CancellationToken.None)));
        var completed = await Task.WhenAll(notices.Select((notice, index) =>
            log.CompleteAsync(notice.NoticeId, index % 2 == 0 ? "worker-a" : "worker-b", NoticeStatus.Sent, "250 OK", $"<{index}@test>", CancellationToken.None)));
        var again = await Task.WhenAll(notices.Select(notice => log.ClaimAsync(notice, "worker-b", Lease, Deadline, CancellationToken.None)));

        Assert.All(first, claim => Assert.Equal(1, Assert.IsType<Claim.Granted>(claim).Attempt));
        Assert.All(rival, claim => Assert.Equal("worker-a", Assert.IsType<Claim.HeldElsewhere>(claim).Worker));
        // Only the holder's outcome counts: the rival's is refused, and its notices stay Sending.
        Assert.All(completed.Where((_, index) => index % 2 == 0), at => Assert.NotNull(at));
        Assert.All(completed.Where((_, index) => index % 2 == 1), at => Assert.Null(at));
        Assert.All(again.Where((_, index) => index % 2 == 0), claim => Assert.Equal(NoticeStatus.Sent, Assert.IsType<Claim.AlreadyFinal>(claim).Status));
        Assert.All(again.Where((_, index) => index % 2 == 1), claim => Assert.IsType<Claim.HeldElsewhere>(claim));
        Assert.Equal(300, await database.ScalarAsync<long>(
            "SELECT count(*) FROM notice_log WHERE notice_id LIKE 'batch-%' AND invoice_ids[1] = 'INV-1' AND cardinality(invoice_ids) = 2"));
    }

    [Fact]
    public async Task A_notice_without_invoices_is_logged_with_an_empty_list()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var log = new NoticeLog(dataSource);
        var notice = Notice($"empty-{Guid.NewGuid():N}", []);

        Assert.IsType<Claim.Granted>(await log.ClaimAsync(notice, "worker-a", Lease, Deadline, CancellationToken.None));

        Assert.Equal(0, await database.ScalarAsync<long>("SELECT cardinality(invoice_ids) FROM notice_log WHERE notice_id = @id", ("id", notice.NoticeId)));
    }

    [Fact]
    public async Task A_granted_claim_answers_with_the_accounts_stored_version_of_its_own_service_only()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var log = new NoticeLog(dataSource, accountServiceId: "service-a");
        var known = $"ACC-known-{Guid.NewGuid():N}";
        await database.ScalarAsync<long>(
            "INSERT INTO account_state (service_id, account_id, version, payload, account_version) VALUES ('service-a', @id, 3, '\\x7b7d', 17), ('service-b', @other, 1, '\\x7b7d', 99)",
            ("id", known), ("other", $"{known}-b"));

        var ofKnown = await log.ClaimAsync(Notice($"version-{Guid.NewGuid():N}", [], known), "worker-a", Lease, Deadline, CancellationToken.None);
        var ofOtherService = await log.ClaimAsync(Notice($"version-{Guid.NewGuid():N}", [], $"{known}-b"), "worker-a", Lease, Deadline, CancellationToken.None);
        var ofUnknown = await log.ClaimAsync(Notice($"version-{Guid.NewGuid():N}", [], "ACC-nowhere"), "worker-a", Lease, Deadline, CancellationToken.None);

        Assert.Equal(17, Assert.IsType<Claim.Granted>(ofKnown).AccountVersion);
        Assert.Null(Assert.IsType<Claim.Granted>(ofOtherService).AccountVersion);
        Assert.Null(Assert.IsType<Claim.Granted>(ofUnknown).AccountVersion);
    }

    private static OutgoingNotice Notice(string noticeId, IReadOnlyList<string> invoiceIds, string accountId = "ACC-batch") => new(
        noticeId, NoticeKind.Dunning, accountId, invoiceIds, "due", "dunning.due", "email", "en", ["ada@example.test"],
        DateTimeOffset.UtcNow, () => new object(), new object());
}
