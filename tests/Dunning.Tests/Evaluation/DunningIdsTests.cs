namespace ArScale.Dunning.Tests.Evaluation;

/// <summary>Firing ids stay deterministic and short however many items fire together; the items travel in the payload.</summary>
public class DunningIdsTests
{
    private static readonly DateOnly Anchor = Day("2026-11-20");

    [Fact]
    public void A_single_item_firing_id_reads_as_account_stage_item_and_anchor()
    {
        Assert.Equal("acc-1:due:inv-9/2:2026-11-20", DunningIds.Firing("acc-1", "due", ["inv-9/2"], Anchor));
    }

    [Fact]
    public void The_same_items_in_any_order_give_the_same_id_and_other_items_another()
    {
        var id = DunningIds.Firing("acc-1", "due", ["inv-1", "inv-2", "inv-3"], Anchor);

        Assert.Equal(id, DunningIds.Firing("acc-1", "due", ["inv-3", "inv-1", "inv-2"], Anchor));
        Assert.NotEqual(id, DunningIds.Firing("acc-1", "due", ["inv-1", "inv-2", "inv-4"], Anchor));
        Assert.StartsWith("acc-1:due:inv-1+2-more-", id, StringComparison.Ordinal);
    }

    [Fact]
    public void A_firing_of_ten_thousand_items_of_the_longest_ids_has_a_short_id()
    {
        var items = Enumerable.Range(0, 10_000).Select(i => $"{i:D6}{new string('x', 94)}").ToList();

        var id = DunningIds.Firing(new string('a', 100), "overdue-7", items, Anchor);

        Assert.True(id.Length < 300, $"the id is {id.Length} characters long");
    }

    [Fact]
    public void A_combined_notice_of_five_hundred_invoices_has_a_short_id_and_lists_them_all()
    {
        var builder = AnAccount();
        for (var i = 0; i < 500; i++)
        {
            builder.WithInvoice($"invoice-{i:D6}", 10m, due: "2026-11-20");
        }

        var decision = builder.Build().Run(APolicy(), At("2026-11-27 10:00"));

        var notice = Assert.Single(decision.Notices);
        Assert.True(notice.Id.Length < 100, $"the notice id is {notice.Id.Length} characters long");
        Assert.Equal(500, notice.Items.Count);
    }
}
