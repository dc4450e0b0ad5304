using ArScale.Messaging;
using ArScale.ServiceDefaults;
using ArScale.Silo.Dashboard;
using ArScale.Silo.Hosting;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPostgresHealthCheck();
builder.AddArScaleSilo(silo => silo.AddDashboard());
builder.AddArScaleBus(bus => bus.AddSiloConsumers());
builder.Services.AddBusEventPublisher();
builder.AddProtectedDashboard();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProtectedDashboard();

app.Run();
