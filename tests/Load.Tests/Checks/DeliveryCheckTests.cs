using ArScale.Load.Mail.SmtpSink;
using ArScale.Load.Reports;

namespace ArScale.Load.Tests.Checks;

/// <summary>The lost/duplicate check every scenario ends with, fed a sink's receipt log as the sink writes it.</summary>
public sealed class DeliveryCheckTests : IDisposable
{
    private static readonly string[] Expected = ["acc-1:due:inv-1:2026-11-23:email", "acc-2:due:inv-1:2026-11-23:email", "acc-3:due:inv-1:2026-11-23:email"];

    private readonly string logFile = Path.Combine(Path.GetTempPath(), $"arscale-receipts-{Guid.NewGuid():N}.tsv");

    [Fact]
    public async Task A_sink_log_with_a_missing_and_a_doubled_notice_fails_the_check()
    {
        await WriteLogAsync(Expected[0], Expected[1], Expected[1]);

        var check = DeliveryCheck.Of(Expected, Received());

        Assert.False(check.Passed);
        Assert.Equal(1, check.Lost);
        Assert.Equal(1, check.Duplicates);
        Assert.Equal(0, check.Unexpected);
        Assert.Equal([Expected[2]], check.LostExamples);
        Assert.Contains("lost 1, duplicates 1", check.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sink_log_with_every_notice_once_passes_the_check()
    {
        await WriteLogAsync(Expected[2], Expected[0], Expected[1]);

        var check = DeliveryCheck.Of(Expected, Received());

        Assert.True(check.Passed);
        Assert.Equal((3, 3, 0, 0, 0), (check.Received, check.Distinct, check.Lost, check.Duplicates, check.Unexpected));
    }

    [Fact]
    public async Task An_e_mail_for_no_expected_notice_fails_the_check_even_when_none_is_lost()
    {
        await WriteLogAsync(Expected[0], Expected[1], Expected[2], "acc-1:courtesy:inv-1:2026-11-23:email", null);

        var check = DeliveryCheck.Of(Expected, Received());

        Assert.False(check.Passed);
        Assert.Equal(0, check.Lost);
        Assert.Equal(2, check.Unexpected);
    }

    public void Dispose() => File.Delete(logFile);

    private async Task WriteLogAsync(params string?[] noticeIds)
    {
        await using var log = new ReceiptLog(logFile);
        foreach (var noticeId in noticeIds)
        {
            log.Record(new SinkReceipt(DateTimeOffset.UtcNow, 5_000, noticeId, $"{Guid.NewGuid():N}@arscale-bank.example", null));
        }
    }

    private IEnumerable<string?> Received() => new ReceiptLogReader(logFile).ReadAll().Select(receipt => receipt.NoticeId);
}
