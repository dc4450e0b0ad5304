namespace ArScale.AppHost.Model;

public enum ResourceState
{
    /// <summary>Waiting for the resources it waits for.</summary>
    Waiting,
    Starting,
    /// <summary>Up, and healthy when it has a health endpoint.</summary>
    Running,
    /// <summary>A one-off (migrations, demo data) that completed.</summary>
    Finished,
    /// <summary>Crashed; started again after a backoff.</summary>
    Restarting,
    Stopping,
    Stopped,
    Failed,
}
