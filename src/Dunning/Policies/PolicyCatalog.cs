namespace ArScale.Dunning;

/// <summary>Every loaded policy, built all-or-nothing: one bad file and the catalog is not built at all.</summary>
public sealed class PolicyCatalog
{
    private readonly List<DunningPolicy> policies;

    private PolicyCatalog(List<DunningPolicy> policies) => this.policies = policies;

    public IReadOnlyList<DunningPolicy> Policies => policies;

    public static PolicyCatalogResult Build(IEnumerable<PolicySource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var errors = new List<PolicyError>();
        var loaded = new List<(string File, DunningPolicy Policy)>();
        foreach (var source in sources.OrderBy(s => s.FileName, StringComparer.Ordinal))
        {
            var result = PolicyLoader.Load(source.FileName, source.Content);
            errors.AddRange(result.Errors);
            if (result.Policy is not null)
            {
                loaded.Add((source.FileName, result.Policy));
            }
        }

        foreach (var duplicate in loaded.GroupBy(l => l.Policy.Key).Where(g => g.Count() > 1))
        {
            var files = duplicate.Select(d => d.File).ToList();
            errors.Add(new PolicyError(files[1], "name+version", $"{duplicate.Key} is already defined in {files[0]}"));
        }

        var bySegment = loaded
            .Where(l => l.Policy.Segment is not null)
            .GroupBy(l => l.Policy.Segment!.Value);
        foreach (var segment in bySegment)
        {
            var names = segment.Select(s => s.Policy.Name).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count > 1)
            {
                errors.Add(new PolicyError(segment.Last().File, "segment", $"segment {segment.Key} is claimed by policies {string.Join(" and ", names)}; one policy name per segment"));
            }
        }

        if (loaded.Count == 0 && errors.Count == 0)
        {
            errors.Add(new PolicyError("(catalog)", "files", "no policy files were given"));
        }

        return errors.Count > 0
            ? new PolicyCatalogResult(null, errors)
            : new PolicyCatalogResult(new PolicyCatalog([.. loaded.Select(l => l.Policy)]), errors);
    }

    /// <summary>The account's override if it has one, otherwise the latest version of its segment's policy.</summary>
    public DunningPolicy? For(AccountProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Policy is { } pinned
            ? Find(pinned.Name, pinned.Version)
            : policies.Where(p => p.Segment == profile.Segment).MaxBy(p => p.Version);
    }

    public DunningPolicy? Find(string name, int? version = null) =>
        policies
            .Where(p => p.Name == name && (version is null || p.Version == version))
            .MaxBy(p => p.Version);
}
