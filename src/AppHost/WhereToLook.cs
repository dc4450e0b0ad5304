namespace ArScale.AppHost;

/// <summary>The one screen a new user reads after start: where each part of the system can be seen.</summary>
public static class WhereToLook
{
    public static void Print(LocalSystem system)
    {
        Console.WriteLine();
        Console.WriteLine("ArScale is running. Press Ctrl+C to stop everything.");
        Console.WriteLine();
        foreach (var service in system.Services)
        {
            var extra = service.Definition.Project == "Silo" ? $"   dashboard {service.Definition.BaseUrl}/dashboard" : "";
            Console.WriteLine($"  {service.Definition.Name,-10} {service.Definition.BaseUrl}   health {service.Definition.HealthUrl}{extra}");
        }

        var gateway = system.Services.FirstOrDefault(service => service.Definition.Project == "Gateway")?.Definition.BaseUrl;
        if (gateway is not null)
        {
            Console.WriteLine($"  {"api",-10} {gateway}/scalar   (API reference)   admin key: {system.OperatorApiKey}");
        }

        if (system.Environment.TryGetValue("ARSCALE_RABBIT_MANAGEMENT_URL", out var rabbit))
        {
            Console.WriteLine($"  {"rabbitmq",-10} {rabbit}   (guest / guest)");
        }

        if (system.Environment.TryGetValue("ARSCALE_MAIL_WEB_URL", out var mail))
        {
            Console.WriteLine($"  {"mail",-10} {mail}   (every e-mail the notifier sends)");
        }

        if (system.Environment.TryGetValue("ConnectionStrings__postgres", out var postgres))
        {
            Console.WriteLine($"  {"postgres",-10} {postgres}");
        }

        Console.WriteLine();
    }
}
