using ArScale.Dunning;

namespace ArScale.Benchmarks.Scenarios;

/// <summary>The policies in /policies, loaded through the same all-or-nothing catalog the silo builds at start-up.</summary>
public static class ShippedPolicies
{
    public static DunningPolicy Standard { get; } = Load("standard");

    private static DunningPolicy Load(string name)
    {
        var assembly = typeof(ShippedPolicies).Assembly;
        var sources = assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith("policies/", StringComparison.Ordinal))
            .Select(r =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(r)!);
                return new PolicySource(Path.GetFileName(r), reader.ReadToEnd());
            })
            .ToList();
        var result = PolicyCatalog.Build(sources);
        return result.Catalog?.Find(name)
            ?? throw new InvalidOperationException(
                $"Policy {name} did not load: {string.Join("; ", result.Errors)}");
    }
}
