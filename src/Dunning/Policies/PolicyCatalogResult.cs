namespace ArScale.Dunning;

public sealed record PolicyCatalogResult(PolicyCatalog? Catalog, IReadOnlyList<PolicyError> Errors)
{
    public bool Succeeded => Catalog is not null;
}
