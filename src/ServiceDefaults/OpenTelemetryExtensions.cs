using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ArScale.ServiceDefaults;

public static class OpenTelemetryExtensions
{
    /// <summary>Activity sources and meters of ArScale's own code and of the engines it runs on.</summary>
    public static readonly string[] TracedSources = ["ArScale.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "MassTransit"];
    public static readonly string[] Meters = ["ArScale.*", "Microsoft.Orleans", "MassTransit", "Npgsql"];

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Meters)
                // Pulled by Prometheus from /metrics whether or not a collector is configured.
                .AddPrometheusExporter());

        // Traces only when a collector will receive them: recording a span for every message, grain call and
        // query that nobody exports cost the notification path a measurable share of its CPU.
        if (exporting)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TracedSources)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    // Health probes and scrapes every few seconds would drown the traces that matter.
                    aspNetCore.Filter = context =>
                        !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.AlivenessEndpointPath)
                        && !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.MetricsEndpointPath))
                .AddHttpClientInstrumentation());

            // Exported only when a collector is named, as Aspire does: no endpoint, no export, no error.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
