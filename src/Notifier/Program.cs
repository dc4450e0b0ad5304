using ArScale.Messaging;
using MassTransit;
using ArScale.ServiceDefaults;
using ArScale.ServiceDefaults.Orleans;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPostgresHealthCheck();
builder.AddArScaleOrleansClient();
builder.AddArScaleBus(bus => bus.AddConsumers(typeof(Program).Assembly));

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
