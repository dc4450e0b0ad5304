using System.Diagnostics.Metrics;

namespace ArScale.Gateway.Telemetry;

/// <summary>The Gateway's own meter: how much billing data comes in.</summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "ArScale.Gateway";

    private readonly Meter meter;
    private readonly Counter<long> invoicesIngested;

    public GatewayMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        invoicesIngested = meter.CreateCounter<long>(
            "arscale.invoices.ingested", unit: "{invoice}",
            description: "Invoices accepted for the first time, over HTTP or AMQP (a resent invoice is not counted again)");
    }

    public void InvoicesIngested(int count)
    {
        if (count > 0)
        {
            invoicesIngested.Add(count);
        }
    }

    public void Dispose() => meter.Dispose();
}
