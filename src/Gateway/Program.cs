using ArScale.Gateway.Hosting;
using ArScale.Gateway.OperationsConsole;
using ArScale.Gateway.Security;
using ArScale.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
if (await app.RunApiKeyCommandAsync(args) || await app.RunConsoleUserCommandAsync(args))
{
    return;
}

app.MapGateway();

app.Run();
