namespace ArScale.Silo.Dashboard;

/// <summary>
/// <c>ArScale:Dashboard</c>: who may open the Orleans Dashboard. Without a password the dashboard refuses
/// everyone: it shows grain types, call rates and reminders, which are not for anonymous eyes.
/// </summary>
public sealed class DashboardLoginOptions
{
    public const string Section = "ArScale:Dashboard";

    public string Username { get; set; } = "admin";

    public string? Password { get; set; }
}
