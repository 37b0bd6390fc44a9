using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace RightsExchange.Contracts;

/// <summary>
/// The JSON form of every contract, on the wire and over HTTP: NodaTime instants as ISO-8601 UTC strings
/// (<c>2025-06-30T07:00:00Z</c>), dates as <c>yyyy-MM-dd</c>, enums as their names only (<see cref="StrictEnumConverter"/>),
/// decimals as JSON numbers.
/// </summary>
public static class ContractJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new StrictEnumConverter());
        return options;
    }

    /// <summary>Options for HTTP clients of the gateway: camelCase names, as the API writes them.</summary>
    public static JsonSerializerOptions Web() => Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
