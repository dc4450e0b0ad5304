using ArScale.Dunning;

namespace ArScale.Silo.Policies;

/// <summary>
/// Loads the dunning policies from the folder named by <c>ArScale:Dunning:PolicyDirectory</c> (the silo's
/// <c>policies/</c> by default). An invalid file stops the silo at start: it never runs half a catalog.
/// </summary>
public static class PolicyCatalogFiles
{
    public static PolicyCatalog Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"Policy folder '{directory}' does not exist.");
        }

        var sources = Directory.EnumerateFiles(directory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => new PolicySource(Path.GetFileName(path), File.ReadAllText(path)));
        var result = PolicyCatalog.Build(sources);
        return result.Succeeded
            ? result.Catalog!
            : throw new InvalidOperationException($"The dunning policies in '{directory}' are invalid:\n{string.Join('\n', result.Errors)}");
    }
}
