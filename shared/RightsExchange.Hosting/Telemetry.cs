using HealthChecks.UI.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RightsExchange.Hosting;

/// <summary>
/// What every service shows of itself (OpenTelemetry and health):
/// - traces of ASP.NET Core, HttpClient, Npgsql, MassTransit and the writers (<see cref="ExchangeTracing"/>: each
///   batch entry carries the trace of the work that produced it, so one order is one trace from its POST to its
///   settlement), unless <c>Telemetry:Tracing</c> is false; exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set;
/// - metrics (the same sources, the runtime, MassTransit's consume and publish counters and durations, and the
///   exchange's own, <see cref="ExchangeMetrics"/>) on a Prometheus endpoint, <c>GET /metrics</c>;
/// - logs on the console as JSON, one object per line with a UTC timestamp and the trace and span ids
///   (<c>Logging:Console:FormatterName</c> <c>simple</c> for plain text);
/// - <c>GET /health/live</c> (the process answers) and <c>GET /health/ready</c> (PostgreSQL answers a query and the bus
///   is connected; 200 or 503 with a JSON body naming each check, <c>postgresql</c> and <c>masstransit-bus</c>, and its
///   status); <c>/health</c> stays as the readiness check.
/// </summary>
public static class Telemetry
{
    /// <summary>The health check tag of what readiness needs.</summary>
    public const string Ready = "ready";

    public static WebApplicationBuilder AddRightsExchangeTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // After the configuration is bound: JSON unless a formatter is named, and the JSON carries the trace scope.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Json);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder
            .Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService($"rightsexchange-{serviceName}"))
            .WithMetrics(m =>
                m.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("MassTransit")
                    .AddMeter(ExchangeMetrics.MeterName)
                    .AddPrometheusExporter()
            );
        // On by default: with it the trace id in every log line is the order's, across the services; the load run showed
        // no cost beyond this machine's noise (README, Performance). Telemetry:Tracing=false turns it off.
        if (builder.Configuration.GetValue("Telemetry:Tracing", true))
            otel.WithTracing(t =>
                t.AddAspNetCoreInstrumentation(o =>
                        o.Filter = http =>
                            !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/metrics")
                    )
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource("MassTransit")
                    .AddSource(ExchangeTracing.SourceName)
            );
        if (otlp)
            otel.UseOtlpExporter();

        var connectionString = builder.Configuration.GetConnectionString("Marten");
        var checks = builder.Services.AddHealthChecks();
        if (!string.IsNullOrEmpty(connectionString))
            checks.AddNpgSql(connectionString, name: "postgresql", tags: [Ready]);
        return builder;
    }

    /// <summary>Maps <c>/health</c>, <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>.</summary>
    public static WebApplication MapRightsExchangeTelemetry(this WebApplication app)
    {
        // Readiness names each dependency and its state (JSON), so an operator sees which one is down.
        var ready = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse,
        };
        app.MapHealthChecks("/health", ready);
        app.MapHealthChecks("/health/ready", ready);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
