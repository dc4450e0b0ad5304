using System.Text.Json.Nodes;
using ArScale.Gateway.Billing;
using ArScale.Gateway.Billing.Requests;
using Scalar.AspNetCore;

namespace ArScale.Gateway.Hosting;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, with an example for every request body, and Scalar's reference page at <c>/scalar</c>.</summary>
public static class GatewayOpenApi
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(AccountRequest)] = """
            { "requestId": "crm-2026-11-23-0001", "name": "Anna Müller", "contacts": [ { "kind": "email", "address": "anna@example.com" }, { "kind": "phone", "address": "+49 170 1234567" } ],
              "locale": "en", "timeZone": "Europe/Berlin", "segment": "standard", "paymentTerms": { "kind": "net", "netDays": 30 },
              "creditLimit": { "amount": 5000, "currency": "EUR" }, "collectorId": "c-kim" }
            """,
        [typeof(InvoiceRequest)] = """{ "invoiceId": "INV-2026-000123", "amount": 1234.50, "currency": "EUR", "issueDate": "2026-11-01", "dueDate": "2026-12-01" }""",
        [typeof(InvoiceBatchRequest)] = """
            { "invoices": [ { "accountId": "ACC-1001", "invoiceId": "INV-2026-000123", "amount": 1234.50, "currency": "EUR", "issueDate": "2026-11-01", "dueDate": "2026-12-01" },
                            { "accountId": "ACC-1002", "invoiceId": "INV-2026-000124", "amount": 88, "currency": "USD", "issueDate": "2026-11-01" } ] }
            """,
        [typeof(PaymentBatchRequest)] = """{ "payments": [ { "accountId": "ACC-1001", "paymentId": "PAY-778", "amount": 500, "currency": "EUR", "date": "2026-11-20", "invoiceId": "INV-2026-000123" } ] }""",
        [typeof(AccountBatchRequest)] = """{ "accounts": [ { "accountId": "ACC-1001", "account": { "requestId": "crm-1", "name": "Anna Müller", "contacts": [ { "kind": "email", "address": "anna@example.com" } ], "locale": "en", "timeZone": "Europe/Berlin", "segment": "standard", "paymentTerms": { "kind": "net", "netDays": 30 } } } ] }""",
        [typeof(CreditNoteRequest)] = """{ "creditNoteId": "CN-55", "amount": 100, "currency": "EUR", "date": "2026-11-20", "reason": "damaged goods", "invoiceId": "INV-2026-000123" }""",
        [typeof(DisputeRequest)] = """{ "disputeId": "D-9", "invoiceId": "INV-2026-000123", "reason": "amount does not match the order" }""",
        [typeof(ResolveDisputeRequest)] = """{ "outcome": "customer-favour", "credit": { "amount": 100, "currency": "EUR" } }""",
        [typeof(PromiseRequest)] = """{ "promiseId": "P-3", "date": "2026-12-05", "amount": 1234.50, "currency": "EUR", "invoiceIds": [ "INV-2026-000123" ] }""",
        [typeof(InstalmentPlanRequest)] = """{ "planId": "PLAN-1", "invoiceId": "INV-2026-000123", "instalments": [ { "dueDate": "2026-12-15", "amount": 617.25 }, { "dueDate": "2027-01-15", "amount": 617.25 } ] }""",
        [typeof(StatementDisputeRequest)] = """{ "invoiceIds": [ "INV-2026-000124" ], "reason": "not delivered" }""",
        [typeof(WriteOffRequest)] = """{ "writeOffId": "WO-12", "invoiceId": "INV-2026-000123", "date": "2026-11-30", "reason": "customer insolvent" }""",
        [typeof(CollectorRequest)] = """{ "requestId": "assign-77", "collectorId": "c-kim" }""",
        [typeof(NoteRequest)] = """{ "noteId": "N-1", "author": "c-kim", "text": "Called the customer; promised payment by Friday." }""",
        [typeof(DunningPauseRequest)] = """{ "requestId": "pause-2026-11-23-kim-1", "paused": true, "reason": "customer in hospital until December" }""",
    };

    public static WebApplicationBuilder AddGatewayOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddSchemaTransformer((schema, context, _) =>
        {
            if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
            {
                schema.Examples = [JsonNode.Parse(example)!];
            }

            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Open to read on a developer's machine; elsewhere only to callers with a valid API key (the security default), like everything but health.</summary>
    public static WebApplication MapGatewayOpenApi(this WebApplication app)
    {
        var document = app.MapOpenApi();
        var reference = app.MapScalarApiReference(options => options.WithTitle("ArScale Gateway API"));
        if (app.Environment.IsDevelopment())
        {
            document.AllowAnonymous();
            reference.AllowAnonymous();
        }

        return app;
    }

    /// <summary>The example for a request type, for tests that prove each example is accepted by its endpoint.</summary>
    public static string? ExampleFor(Type requestType) => Examples.GetValueOrDefault(requestType);
}
