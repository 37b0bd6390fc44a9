using RightsExchange.Hosting;
using RightsExchange.Matching.Books;

namespace RightsExchange.Matching.Market;

/// <summary>
/// The market: halts and resumptions, the market's state, the trading day's ticks (session changes, auctions, expiry) on each
/// partition's queue, and the market's history.
/// </summary>
public static class MarketSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the matching service.</summary>
    public static ServiceSlices AddMarket(this ServiceSlices slices) =>
        slices
            .Settings<TickerOptions>("Trading:Ticker")
            .Services(s => s.AddHostedService<TradingDayTicker>())
            .ConsumerOn<MarketControlConsumer>(PartitionOptions.Endpoint)
            .ConsumerOn<GetMarketConsumer>(PartitionOptions.Endpoint)
            .ConsumerOn<TickBooksConsumer>(PartitionOptions.Endpoint)
            .Query<MarketHistoryConsumer>();
}
