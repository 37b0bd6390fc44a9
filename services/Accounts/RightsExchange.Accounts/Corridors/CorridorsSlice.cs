using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Corridors;

/// <summary>Water corridors: each corridor's yearly volume, the transfers queued along it, and the daily run of the queue.</summary>
public static class CorridorsSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddCorridors(this ServiceSlices slices) =>
        slices.Document<CorridorUse>().Query<GetWaterCorridorsConsumer>().Services(s => s.AddHostedService<DailyCorridorService>());
}
