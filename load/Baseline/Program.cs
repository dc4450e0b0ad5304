using ArScale.Load.Baseline.Hosting;
using ArScale.Load.Baseline.Invoices;

// The storm's baseline (see README.md): invoices in a table, one Hangfire delayed job per invoice at its due
// instant, each job rendering its reminder and sending it with MailKit. Started by the load tool's baseline scenario.

var builder = WebApplication.CreateBuilder(args);

builder.AddInvoiceStore();
builder.AddReminderJobs();
builder.Services.AddHealthChecks();

var app = builder.Build();

app.MapHealthChecks("/health");
app.MapInvoicesApi();
app.LogVariant();

app.Run();
