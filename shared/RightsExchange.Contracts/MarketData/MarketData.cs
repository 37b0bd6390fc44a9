using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;

// Market data and market operations of the matching engine. Version 1. The events are published for outside
// subscribers as they are journaled; the commands and queries come from the gateway.
namespace RightsExchange.Contracts.MarketData.V1;

/// <summary>Trading phase of an instrument at an instant, from its calendar (zoned, Asia/Shanghai by default) and halts.</summary>
public enum TradingPhase
{
    /// <summary>A trading day, before its first session.</summary>
    PreOpen,

    /// <summary>Inside a continuous (listing) session.</summary>
    Continuous,

    /// <summary>A trading day, between two sessions.</summary>
    Break,

    /// <summary>After the last session, or not a trading day (weekend, holiday).</summary>
    Closed,

    /// <summary>Halted by a regulator or operator; cancels are accepted, new orders are not.</summary>
    Halted,
}

/// <summary>
/// Event (matching): the trading day <paramref name="TradingDate"/> ended. Prices in CNY per unit, volumes in the
/// instrument's unit. Continuous figures cover listing trades only; block and auction trades are counted apart.
/// </summary>
/// <param name="Close">The day's closing price by the instrument's close rule, or the previous close when nothing traded.</param>
/// <param name="CloseRule">Vwap (volume-weighted average of the day's listing trades, national ETS) or LastTrade.</param>
/// <param name="NextReferencePrice">The reference price the next day's price limits are computed from.</param>
public sealed record TradingDayClosed(
    string InstrumentId,
    LocalDate TradingDate,
    decimal? Open,
    decimal? High,
    decimal? Low,
    decimal? Close,
    string CloseRule,
    decimal Volume,
    decimal Turnover,
    int Trades,
    decimal BlockVolume,
    decimal AuctionVolume,
    decimal? NextReferencePrice,
    Instant ClosedAt
);

/// <summary>
/// Event (matching): the order book's depth changed. Conflated: at most one per instrument per engine commit, carrying
/// the depth after it, so a subscriber that keeps the latest by <paramref name="Sequence"/> has the current book.
/// </summary>
/// <param name="Sequence">Position in the instrument's engine journal; increases with every event, so an older copy can be dropped.</param>
/// <param name="Bids">Up to ten aggregated buy price levels, best (highest) first.</param>
/// <param name="Asks">Up to ten aggregated sell price levels, best (lowest) first.</param>
public sealed record OrderBookChanged(
    string InstrumentId,
    long Sequence,
    IReadOnlyList<PriceLevel> Bids,
    IReadOnlyList<PriceLevel> Asks,
    Instant At
);

/// <summary>Command (gateway, regulator): halt trading in an instrument.</summary>
public sealed record HaltInstrument(string InstrumentId, string Reason, string RequestedBy, Instant RequestedAt);

/// <summary>Command (gateway, regulator): resume trading in a halted instrument.</summary>
public sealed record ResumeInstrument(string InstrumentId, string RequestedBy, Instant RequestedAt);

/// <summary>Event (matching): trading in the instrument is halted; new orders are refused INSTRUMENT_HALTED.</summary>
public sealed record InstrumentHalted(string InstrumentId, string Reason, string HaltedBy, Instant HaltedAt);

/// <summary>Event (matching): trading in the instrument resumed.</summary>
public sealed record InstrumentResumed(string InstrumentId, string ResumedBy, Instant ResumedAt);

/// <summary>Event (matching): a block trade was proposed to a named counterparty, who may accept or decline it.</summary>
/// <param name="ProposalId">The proposer's order id; the counterparty accepts by naming it.</param>
/// <param name="Side">The proposer's side.</param>
public sealed record BlockTradeProposed(
    Guid ProposalId,
    string InstrumentId,
    string ProposerId,
    string CounterpartyId,
    Side Side,
    decimal Quantity,
    decimal Price,
    Instant ProposedAt
);

/// <summary>Event (matching): an auction is open for bids until <see cref="AuctionTerms.ClosesAt"/>.</summary>
/// <param name="AuctionId">The seller's offer order id; bids name it.</param>
/// <param name="ReservePrice">CNY per unit.</param>
public sealed record AuctionAnnounced(
    Guid AuctionId,
    string InstrumentId,
    string SellerId,
    decimal Quantity,
    decimal ReservePrice,
    AuctionTerms Terms,
    Instant AnnouncedAt
);

/// <summary>Event (matching): an auction cleared; its allocations follow as trades of kind Auction.</summary>
/// <param name="ClearingPrice">Uniform price auctions: the price every winner pays; pay-as-bid: the lowest winning bid.</param>
/// <param name="TieBreakSeed">Seed of the random draw that ordered bids tied at the clearing price (hex); replaying it gives the same
/// draw.</param>
public sealed record AuctionCleared(
    Guid AuctionId,
    string InstrumentId,
    decimal ClearingPrice,
    decimal AllocatedQuantity,
    decimal OfferedQuantity,
    int Bids,
    int WinningBids,
    string TieBreakSeed,
    Instant ClearedAt
);

/// <summary>Event (matching): an auction was cancelled; every bid and the offer are released.</summary>
/// <param name="Reason">NO_BIDS, BIDS_BELOW_VOLUME or CLEARING_BELOW_RESERVE.</param>
public sealed record AuctionCancelled(Guid AuctionId, string InstrumentId, string Reason, string Detail, Instant CancelledAt);

/// <summary>Reply to <see cref="HaltInstrument"/> and <see cref="ResumeInstrument"/>, or a refusal.</summary>
public sealed record MarketCommandAccepted(string InstrumentId, TradingPhase Phase);

/// <summary>Reply: the market command was refused and changed nothing.</summary>
/// <param name="Reason">INSTRUMENT_UNKNOWN, ALREADY_HALTED or NOT_HALTED.</param>
public sealed record MarketCommandRejected(string Reason, string Detail);

/// <summary>Request (gateway): the state of an instrument's market now.</summary>
public sealed record GetMarket(string InstrumentId);

/// <summary>Reply to <see cref="GetMarket"/>. Prices in CNY per unit.</summary>
/// <param name="PriceLimits">Today's inclusive band for listing orders, when the instrument has limits.</param>
/// <param name="BlockPriceLimits">Today's inclusive band for block trades, when it has one.</param>
/// <param name="Bids">Order book depth, best first: up to ten aggregated buy price levels.</param>
/// <param name="Asks">Up to ten aggregated sell price levels, best first.</param>
public sealed record MarketView(
    string InstrumentId,
    TradingPhase Phase,
    string? HaltReason,
    LocalDate TradingDate,
    decimal? ReferencePrice,
    PriceBand? PriceLimits,
    PriceBand? BlockPriceLimits,
    decimal? BestBid,
    decimal? BestAsk,
    decimal? LastPrice,
    decimal Volume,
    int RestingOrders,
    IReadOnlyList<Guid> OpenAuctions,
    IReadOnlyList<Guid> OpenBlockProposals,
    IReadOnlyList<PriceLevel>? Bids = null,
    IReadOnlyList<PriceLevel>? Asks = null
);

/// <summary>One aggregated price level of the book: CNY per unit, total open quantity in the instrument's unit, number of orders.</summary>
public sealed record PriceLevel(decimal Price, decimal Quantity, int Orders);

/// <summary>An inclusive price band, CNY per unit.</summary>
public sealed record PriceBand(decimal Low, decimal High);

/// <summary>Request (gateway): the latest trades of an instrument, newest first (at most <paramref name="Limit"/>, 1 to 1,000).</summary>
public sealed record GetTradeTape(string InstrumentId, int Limit);

/// <summary>Reply to <see cref="GetTradeTape"/>: the public trade tape, newest first; counterparties are not disclosed.</summary>
public sealed record TradeTape(string InstrumentId, IReadOnlyList<TapeEntry> Trades);

/// <summary>One trade on the public tape. Price CNY per unit; quantity in <paramref name="Unit"/>.</summary>
/// <param name="Kind">Continuous (listing), Block or Auction.</param>
/// <param name="AggressorSide">The side of the order that took liquidity (for block and auction trades, the side that completed the
/// trade).</param>
public sealed record TapeEntry(
    string TradeId,
    decimal Price,
    decimal Quantity,
    string Unit,
    TradeKind Kind,
    Side AggressorSide,
    Instant ExecutedAt
);

/// <summary>Request (gateway): an instrument's closed trading days, newest first (at most <paramref name="Days"/>, 1 to 366).</summary>
public sealed record GetDailyStatistics(string InstrumentId, int Days);

/// <summary>Reply to <see cref="GetDailyStatistics"/>: one <see cref="TradingDayClosed"/> per closed trading day, newest first.</summary>
public sealed record DailyStatistics(string InstrumentId, IReadOnlyList<TradingDayClosed> Days);

/// <summary>Reply: matching has no book for the instrument.</summary>
public sealed record MarketNotFound(string InstrumentId);
