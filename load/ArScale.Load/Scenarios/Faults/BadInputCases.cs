using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ArScale.Load.Scenarios.Faults;

/// <summary>One malformed request: what it is called in the report, and what is sent.</summary>
/// <param name="Harmless">A request a lender's system might legitimately send (a name with markup, a duplicate): it may be accepted, but only on the throwaway account.</param>
public sealed record BadInputCase(string Name, HttpMethod Method, string Path, string? ContentType, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null, bool Harmless = false, bool OmitLength = false);

/// <summary>
/// The malformed requests of the <c>bad-input</c> fault: broken JSON, wrong types and content types, deep nesting,
/// huge bodies and batches, amounts and dates out of bounds or of the wrong precision, bad ids and headers, unknown
/// accounts, conflicting ids inside a batch. Each aimed at <c>target</c>, an account the run created, whose stored state
/// must not change; the few that a lender might legitimately send go to <c>throwaway</c>.
/// </summary>
public static class BadInputCases
{
    public static IReadOnlyList<BadInputCase> For(string target, string throwaway, string existingInvoice, DateOnly today)
    {
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var due = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var single = $"api/v1/accounts/{Uri.EscapeDataString(target)}/invoices";
        var cases = new List<BadInputCase>
        {
            Raw("malformed JSON", HttpMethod.Post, single, "{\"invoiceId\": \"x\", \"amount\": "),
            Raw("not JSON at all", HttpMethod.Post, single, "<invoice/>"),
            Raw("JSON array instead of object", HttpMethod.Post, single, "[1,2,3]"),
            Raw("empty body", HttpMethod.Post, single, ""),
            Raw("null body", HttpMethod.Post, single, "null"),
            new("wrong content type", HttpMethod.Post, single, "text/plain", Utf8(Invoice("ct-1", 10m, "EUR", day, due))),
            new("no content type", HttpMethod.Post, single, null, Utf8(Invoice("ct-2", 10m, "EUR", day, due))),
            Raw("nesting depth 65", HttpMethod.Post, single, Nested(65)),
            Raw("nesting depth 1,000", HttpMethod.Post, single, Nested(1000)),
            new("5 MiB body with a length", HttpMethod.Post, "api/v1/invoices/batch", "application/json", Huge(5 * 1024 * 1024)),
            new("5 MiB body without a length", HttpMethod.Post, "api/v1/invoices/batch", "application/json", Huge(5 * 1024 * 1024), OmitLength: true),
            Json("10,001-item batch", "api/v1/invoices/batch", new { invoices = Enumerable.Range(0, 10_001).Select(index => InvoiceItem(target, $"big-{index}", 10m, "EUR", day, due)).ToArray() }),
            Json("amount 0", single, Invoice("zero", 0m, "EUR", day, due)),
            Json("amount -1", single, Invoice("negative", -1m, "EUR", day, due)),
            Json("amount 1e28", single, Invoice("huge", 1e28m, "EUR", day, due)),
            Json("two invoices of 5e28 on one account", "api/v1/invoices/batch", new { invoices = new[] { InvoiceItem(target, "overflow-1", 5e28m, "EUR", day, due), InvoiceItem(target, "overflow-2", 5e28m, "EUR", day, due) } }),
            Json("5.001 EUR", single, Invoice("precision-eur", 5.001m, "EUR", day, due)),
            Json("1.5 JPY", single, Invoice("precision-jpy", 1.5m, "JPY", day, due)),
            Json("currency eur", single, Invoice("lower", 5m, "eur", day, due)),
            Json("currency XXX", single, Invoice("xxx", 5m, "XXX", day, due)),
            Json("currency empty", single, Invoice("nocurrency", 5m, "", day, due)),
            Raw("amount as a string", HttpMethod.Post, single, $"{{\"invoiceId\":\"str\",\"amount\":\"ten\",\"currency\":\"EUR\",\"issueDate\":\"{day}\",\"dueDate\":\"{due}\"}}"),
            Raw("amount NaN", HttpMethod.Post, single, $"{{\"invoiceId\":\"nan\",\"amount\":NaN,\"currency\":\"EUR\",\"issueDate\":\"{day}\",\"dueDate\":\"{due}\"}}"),
            Raw("amount 1e400", HttpMethod.Post, single, $"{{\"invoiceId\":\"inf\",\"amount\":1e400,\"currency\":\"EUR\",\"issueDate\":\"{day}\",\"dueDate\":\"{due}\"}}"),
            Raw("date 2026-02-30", HttpMethod.Post, single, $"{{\"invoiceId\":\"feb30\",\"amount\":5,\"currency\":\"EUR\",\"issueDate\":\"2026-02-30\",\"dueDate\":\"{due}\"}}"),
            Json("issue date 0001-01-01", single, Invoice("ancient", 5m, "EUR", "0001-01-01", due)),
            Json("due date 9999-12-31", single, Invoice("forever", 5m, "EUR", day, "9999-12-31")),
            Json("issue date 9999-12-31", single, Invoice("future", 5m, "EUR", "9999-12-31", "9999-12-31")),
            Json("due before issue", single, Invoice("backwards", 5m, "EUR", day, today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            Raw("date with a time", HttpMethod.Post, single, $"{{\"invoiceId\":\"time\",\"amount\":5,\"currency\":\"EUR\",\"issueDate\":\"{day}T10:00:00Z\",\"dueDate\":\"{due}\"}}"),
            Json("missing invoice id", single, new { amount = 5m, currency = "EUR", issueDate = day, dueDate = due }),
            Json("unknown account", $"api/v1/accounts/nobody-{Guid.NewGuid():N}/invoices", Invoice("lost", 5m, "EUR", day, due)),
            Json("unknown account in a batch", "api/v1/invoices/batch", new { invoices = new[] { InvoiceItem($"nobody-{Guid.NewGuid():N}", "lost-2", 5m, "EUR", day, due) } }),
            Json("conflicting id inside one batch", "api/v1/invoices/batch", new { invoices = new[] { InvoiceItem(target, existingInvoice, 999m, "EUR", day, due), InvoiceItem(target, existingInvoice, 998m, "EUR", day, due) } }),
            Json("an existing invoice id with other content", single, Invoice(existingInvoice, 777m, "EUR", day, due)),
            Json("invoice id empty", single, Invoice("", 5m, "EUR", day, due)),
            Json("invoice id of 5,000 characters", single, Invoice(new string('x', 5000), 5m, "EUR", day, due)),
            Json("invoice id with NUL", single, Invoice("inv\0nul", 5m, "EUR", day, due)),
            Json("invoice id with ESC", single, Invoice("inv\u001b[31m", 5m, "EUR", day, due)),
            Json("invoice id with U+202E", single, Invoice("inv\u202Etxt.exe", 5m, "EUR", day, due)),
            Json("invoice id with a space", single, Invoice("inv 1", 5m, "EUR", day, due)),
            Json("invoice id with a colon", single, Invoice("inv:1", 5m, "EUR", day, due)),
            Json("invoice id with a slash", single, Invoice("inv/1", 5m, "EUR", day, due)),
            Json("batch account id with NUL", "api/v1/invoices/batch", new { invoices = new[] { InvoiceItem(target, "ok-1", 5m, "EUR", day, due), InvoiceItem("acc\0", "ok-2", 5m, "EUR", day, due) } }),
            Json("batch account id of 5,000 characters", "api/v1/invoices/batch", new { invoices = new[] { InvoiceItem(new string('a', 5000), "ok-3", 5m, "EUR", day, due) } }),
            Json("batch account id with U+202E", "api/v1/invoices/batch", new { invoices = new[] { InvoiceItem(target, "ok-4", 5m, "EUR", day, due), InvoiceItem("acc\u202E1", "ok-5", 5m, "EUR", day, due) } }),
            Json("batch with no items", "api/v1/invoices/batch", new { invoices = Array.Empty<object>() }),
            Json("batch with a null item", "api/v1/invoices/batch", new { invoices = new object?[] { null } }),
            Json("payment of -5", "api/v1/payments/batch", new { payments = new[] { new { accountId = target, paymentId = "pay-neg", amount = -5m, currency = "EUR", date = day } } }),
            Json("payment of 1e28", "api/v1/payments/batch", new { payments = new[] { new { accountId = target, paymentId = "pay-huge", amount = 1e28m, currency = "EUR", date = day } } }),
            Json("payment dated 0001-01-01", "api/v1/payments/batch", new { payments = new[] { new { accountId = target, paymentId = "pay-old", amount = 5m, currency = "EUR", date = "0001-01-01" } } }),
            Json("payment id with ESC", "api/v1/payments/batch", new { payments = new[] { new { accountId = target, paymentId = "pay\u001b", amount = 5m, currency = "EUR", date = day } } }),
            Json("name of 3 KB", $"api/v1/accounts/{Uri.EscapeDataString(target)}", Profile(target, new string('N', 3 * 1024), 1)),
            Json("10,000 contacts", $"api/v1/accounts/{Uri.EscapeDataString(target)}", Profile(target, "Ten Thousand", 10_000)),
            Json("unknown time zone", $"api/v1/accounts/{Uri.EscapeDataString(target)}", Profile(target, "Zone", 1) with { TimeZone = "Mars/Olympus" }),
            Json("unknown locale", $"api/v1/accounts/{Uri.EscapeDataString(target)}", Profile(target, "Locale", 1) with { Locale = "xx-\u0000" }),
            Json("e-mail that is not one", $"api/v1/accounts/{Uri.EscapeDataString(target)}", Profile(target, "Mail", 1) with { Contacts = [new ContactBody("email", "not-an-address")] }),
            Json("name with CRLF", $"api/v1/accounts/{Uri.EscapeDataString(throwaway)}", Profile(throwaway, "Anna\r\nBcc: victim@example.test", 1), harmless: true),
            Json("name with Liquid", $"api/v1/accounts/{Uri.EscapeDataString(throwaway)}", Profile(throwaway, "{{ 7 | times: 6 }} {% raw %}", 1), harmless: true),
            Json("name with <script>", $"api/v1/accounts/{Uri.EscapeDataString(throwaway)}", Profile(throwaway, "<script>alert(1)</script>", 1), harmless: true),
            new("Idempotency-Key of 201 characters", HttpMethod.Post, "api/v1/invoices/batch", "application/json",
                Utf8(new { invoices = new[] { InvoiceItem(target, "key-long", 5m, "EUR", day, due) } }), new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 201) }),
            new("Idempotency-Key with a control character", HttpMethod.Post, "api/v1/invoices/batch", "application/json",
                Utf8(new { invoices = new[] { InvoiceItem(target, "key-ctl", 5m, "EUR", day, due) } }), new Dictionary<string, string> { ["Idempotency-Key"] = "key\u007fdel" }),
            Get("page=2147483647", "api/v1/accounts?page=2147483647&pageSize=20"),
            Get("pageSize=-1", "api/v1/accounts?page=1&pageSize=-1"),
            Get("page=abc", "api/v1/accounts?page=abc"),
            Get("notices page=2147483647", "api/v1/notices?page=2147483647"),
            Get("account id with NUL in the path", "api/v1/accounts/acc%00nul"),
            Get("account id of 5,000 characters in the path", "api/v1/accounts/" + new string('a', 5000)),
            Get("overdue report with an unknown sort", "api/v1/reports/overdue?sort=DROP%20TABLE"),
            Get("aging report with an unknown grouping", "api/v1/reports/aging?groupBy=%27%3B--"),
            Raw("method not allowed", HttpMethod.Delete, single, ""),
        };
        return cases;
    }

    private sealed record ContactBody(string Kind, string Address);

    private sealed record ProfileBody(string RequestId, string Name, IReadOnlyList<ContactBody> Contacts, string Locale, string TimeZone, string Segment, object PaymentTerms);

    private static ProfileBody Profile(string accountId, string name, int contacts) => new(
        $"{accountId}:bad-{Guid.NewGuid():N}", name,
        [.. Enumerable.Range(0, contacts).Select(index => new ContactBody("email", string.Create(CultureInfo.InvariantCulture, $"c{index}@load.example.test")))],
        "en", "Europe/Berlin", "standard", new { kind = "net", netDays = 30 });

    private static object Invoice(string id, decimal amount, string currency, string issue, string due) =>
        new { invoiceId = id, amount, currency, issueDate = issue, dueDate = due };

    private static object InvoiceItem(string accountId, string id, decimal amount, string currency, string issue, string due) =>
        new { accountId, invoiceId = id, amount, currency, issueDate = issue, dueDate = due };

    private static BadInputCase Json(string name, string path, object body, bool harmless = false) =>
        new(name, path.Contains("/accounts/", StringComparison.Ordinal) && !path.EndsWith("/invoices", StringComparison.Ordinal) && !path.Contains("/batch", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post,
            path, "application/json", Utf8(body), Harmless: harmless);

    private static BadInputCase Raw(string name, HttpMethod method, string path, string body) => new(name, method, path, "application/json", Encoding.UTF8.GetBytes(body));

    private static BadInputCase Get(string name, string path) => new(name, HttpMethod.Get, path, null, []);

    private static byte[] Utf8(object body) => JsonSerializer.SerializeToUtf8Bytes(body, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static string Nested(int depth) => "{\"invoiceId\":" + string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)) + "}";

    private static byte[] Huge(int size)
    {
        var prefix = "{\"invoices\":[{\"accountId\":\""u8.ToArray();
        var suffix = "\"}]}"u8.ToArray();
        var body = new byte[size];
        prefix.CopyTo(body, 0);
        body.AsSpan(prefix.Length, size - prefix.Length - suffix.Length).Fill((byte)'a');
        suffix.CopyTo(body, size - suffix.Length);
        return body;
    }
}
