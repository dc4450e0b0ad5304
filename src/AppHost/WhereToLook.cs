using ArScale.AppHost.Model;

namespace ArScale.AppHost;

/// <summary>The one screen a new user reads after start: where each part of the system can be seen, and the logins.</summary>
public sealed class WhereToLook(
    ProjectResource gateway, ProjectResource silos, ProjectResource notifiers,
    InfrastructureResource postgres, InfrastructureResource rabbitmq, InfrastructureResource mail,
    string operatorKey, string adminPassword, string logDirectory)
{
    /// <summary>Where the Gateway serves the operations console (docs/console.md).</summary>
    public const string ConsolePath = "/console/";

    public IEnumerable<string> Lines()
    {
        var services = new[] { gateway, silos, notifiers }.SelectMany(project => project.Replicas).Where(replica => replica.BaseUrl is not null);
        yield return $"  {"Console",-12} {gateway.BaseUrl}{ConsolePath}   user {AdminLogin.UserName}   password {adminPassword}";
        yield return $"  {"Dashboard",-12} {silos.BaseUrl}/dashboard   (Orleans Dashboard; same user and password)";
        yield return mail.Settings.TryGetValue("ARSCALE_MAIL_WEB_URL", out var viewer)
            ? $"  {"Mail viewer",-12} {viewer}   (every e-mail the notifiers send)"
            : $"  {"Mail",-12} {mail.Settings.GetValueOrDefault("ARSCALE_SMTP_MAILDIR")}   (a Maildir: one file per e-mail sent)";
        yield return $"  {"API",-12} {gateway.BaseUrl}/scalar   (reference)   admin key {operatorKey}";
        yield return $"  {"RabbitMQ",-12} {rabbitmq.Settings.GetValueOrDefault("ARSCALE_RABBIT_MANAGEMENT_URL")}   (guest / guest)";
        yield return $"  {"PostgreSQL",-12} {postgres.ConnectionString}";
        yield return $"  {"Metrics",-12} {string.Join("  ", services.Select(replica => $"{replica.BaseUrl}/metrics"))}";
        yield return $"  {"Health",-12} <service>/health, <service>/alive";
        yield return $"  {"Logs",-12} {Path.Combine(logDirectory, "<service>.log")}";
    }
}
