using ArScale.Notifier.Templates.Models;

namespace ArScale.Notifier.Tests.Templates;

/// <summary>Template models with sensible content, so each test states only what it is about.</summary>
public static class Models
{
    public static LenderModel Lender { get; } = new(
        "ArScale Bank", "https://pay.example.test/a-1", "https://pay.example.test/a-1/disputes", "help@example.test", "+1 555 0100", "http://console.example.test");

    public static NoticeModel Notice(string customerName = "Anna Müller", string total = "€1,234.50") => new(
        Lender, customerName, "a-1", "a-1:overdue-7:inv-1:2026-11-15:email", "overdue-7", 8, true, "23 Nov 2026",
        [new InvoiceLine("inv-1", "inv-1", "15 Nov 2026", 8, true, total)], total,
        [new FeeLineModel("inv-1", "flat-fee", false, "€15.00", "22 Nov 2026"), new FeeLineModel("inv-1", "interest", true, "€0.40", "22 Nov 2026")],
        true, true, "€15.40", "a-1/inv-1");

    public static StatementModel Statement() => new(
        Lender, "Acme Corp", "a-1", "a-1:statement:2026-11-30", "1 Nov 2026", "30 Nov 2026", "30 Nov 2026", ["inv-1", "inv-2"],
        ["€300.00", "US$20.00"], "€300.00 + US$20.00", "https://pay.example.test/s/confirm", "https://pay.example.test/s/dispute");

    public static CollectorTaskModel CollectorTask() => new(
        Lender, "Kim Collector", "a-1", "a-1:collector-30:inv-1:2026-11-15:collector", "collector-30", ["inv-1"], "€2,500.00",
        true, "28 Nov 2026", false, false, "http://console.example.test/accounts/a-1");

    public static LegalCaseModel LegalCase() => new(
        Lender, "Legal team", "a-1:legal-60:inv-1:2026-11-15:legal", "a-1", "Anna Müller", "c-kim", ["inv-1"], ["n-1", "n-2"], 2, 3,
        "€2,500.00", "http://console.example.test/accounts/a-1");

    public static HttpPayloadModel Payload() => new(
        "a-1:overdue-7:inv-1:2026-11-15:sms", "a-1", "sms", ["+49 170 1234567"], "Reminder", "Line \"one\"\nline two", "<p>x</p>");
}
