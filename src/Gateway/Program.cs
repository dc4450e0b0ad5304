using ArScale.Gateway.Hosting;
using ArScale.Gateway.Security;
using ArScale.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
if (await app.RunApiKeyCommandAsync(args))
{
    return;
}

app.MapGateway();

app.Run();
