namespace ArScale.Load.Scenarios.Ingest;

/// <summary>The ingest scenario's flags.</summary>
/// <param name="Rate">Invoices per second to offer; 0 sends flat out (every client starts its next batch as soon as the last is answered).</param>
/// <param name="Grouped">An account's invoices in the same batch (one grain write for all of them) rather than spread over batches.</param>
public sealed record IngestSettings(
    int Accounts, int Invoices, int BatchSize, int Clients, int Rate, int Silos, TimeSpan Timeout, TimeSpan QuietWait, bool Grouped, bool KeepData)
{
    public string Order => Grouped ? "grouped" : "interleaved";

    public int Batches => (Invoices + BatchSize - 1) / BatchSize;

    public bool FlatOut => Rate == 0;
}
