using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using RightsExchange.Contracts;

namespace RightsExchange.Hosting;

/// <summary>
/// What every RightsExchange host shares: the NodaTime clock, MassTransit over RabbitMQ, a Marten store in the
/// service's own schema with the outbox relay, health checks and logging.
/// Configuration keys: <c>ConnectionStrings:Marten</c>, <c>RabbitMq:Host|Port|VirtualHost|Username|Password</c>,
/// <c>Messaging:EndpointPrefix</c> (optional, isolates queue names, e.g. per test run). The bus is set up in
/// ServiceDefaults.Messaging.cs, the store in ServiceDefaults.Store.cs.
/// </summary>
public static partial class ServiceDefaults
{
    /// <summary>JSON settings used on the wire and in the event store (<see cref="ContractJson"/>).</summary>
    public static JsonSerializerOptions ConfigureJson(JsonSerializerOptions options) => ContractJson.Configure(options);

    /// <summary>
    /// Adds <c>market.json</c> (beside the service's assembly) as the lowest-priority configuration source, so that
    /// appsettings and environment variables override it.
    /// </summary>
    private static void AddMarketSettings(ConfigurationManager configuration)
    {
        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "market.json",
            Optional = false,
        };
        configuration.Sources.Insert(0, source);
    }

    /// <summary>Maps <c>/health</c>.</summary>
    public static WebApplication MapRightsExchangeDefaults(this WebApplication app)
    {
        return app.MapRightsExchangeTelemetry();
    }
}
