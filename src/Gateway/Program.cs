using ArScale.Contracts.Accounts;
using ArScale.ServiceDefaults;
using ArScale.ServiceDefaults.Orleans;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPostgresHealthCheck();
builder.AddArScaleOrleansClient();
builder.Services.AddDunningSerialization();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();

app.Run();
