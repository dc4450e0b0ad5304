using ArScale.Messaging;
using MassTransit;
using ArScale.Contracts.Accounts;
using ArScale.ServiceDefaults;
using ArScale.ServiceDefaults.Orleans;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPostgresHealthCheck();
builder.AddArScaleOrleansClient();
builder.Services.AddDunningSerialization();
builder.AddArScaleBus(bus => bus.AddConsumers(typeof(Program).Assembly));

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
