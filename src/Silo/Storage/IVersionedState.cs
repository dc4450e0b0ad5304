namespace ArScale.Silo.Storage;

/// <summary>
/// A grain state that knows its own version, apart from the storage ETag: <see cref="AccountStateStore"/> stores it in
/// a column of its own (<c>account_state.account_version</c>) that others can compare without reading the payload.
/// </summary>
public interface IVersionedState
{
    long Version { get; }
}
