using ArScale.Contracts.Accounts;
using ArScale.Messaging;
using ArScale.Notifier.Hosting;
using ArScale.ServiceDefaults;
using ArScale.ServiceDefaults.Orleans;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPostgresHealthCheck();
builder.AddArScaleOrleansClient();
builder.Services.AddDunningSerialization();
builder.AddNotifier();
builder.AddArScaleBus(bus => bus.AddNoticeConsumers());

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
