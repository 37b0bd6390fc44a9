using RightsExchange.Hosting;

namespace RightsExchange.Settlement.Trades;

/// <summary>Trades: the settled trades of an instrument or a participant, read back.</summary>
public static class TradesSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the settlement service.</summary>
    public static ServiceSlices AddTrades(this ServiceSlices slices) => slices.Query<GetTradesConsumer>();
}
