namespace ArScale.AppHost.Model;

/// <summary>A resource others reach through a connection string, handed out as <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
public interface IResourceWithConnectionString
{
    string ConnectionName { get; }

    /// <summary>Known once the resource has started.</summary>
    string ConnectionString { get; }
}
