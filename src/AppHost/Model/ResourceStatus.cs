namespace ArScale.AppHost.Model;

/// <summary>One row of the status table: a resource, or one replica of it.</summary>
public sealed class ResourceStatus(string name)
{
    private readonly Lock gate = new();

    public string Name { get; } = name;

    public ResourceState State { get; private set; } = ResourceState.Waiting;

    public int? ProcessId { get; private set; }

    public string? Url { get; private set; }

    public int Restarts { get; private set; }

    /// <summary>A short word on the state: an exit code, the progress of a one-off, why it failed.</summary>
    public string? Detail { get; private set; }

    /// <summary>Raised after every change of state (not of detail alone), for the terminal that prints changes.</summary>
    public event Action<ResourceStatus>? StateChanged;

    public void Set(ResourceState state, string? detail = null)
    {
        bool changed;
        lock (gate)
        {
            changed = State != state;
            State = state;
            Detail = detail;
        }

        if (changed)
        {
            StateChanged?.Invoke(this);
        }
    }

    public void Describe(string? detail)
    {
        lock (gate)
        {
            Detail = detail;
        }
    }

    public void Process(int? processId, string? url = null)
    {
        lock (gate)
        {
            ProcessId = processId;
            Url = url ?? Url;
        }
    }

    public void Located(string? url)
    {
        lock (gate)
        {
            Url = url;
        }
    }

    public void Restarted()
    {
        lock (gate)
        {
            Restarts++;
        }
    }
}
