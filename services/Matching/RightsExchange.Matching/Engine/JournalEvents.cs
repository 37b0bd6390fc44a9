using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;

// The engine journal's inputs (stream book:{instrument}). A book is rebuilt by feeding these, in order, to a new
// OrderBook; the outputs stored beside them (OrderAccepted, TradeExecuted, ...) are what the engine said then.
// Every input carries the instant it was stamped with: the engine never reads a clock.
namespace RightsExchange.Matching.Engine;

/// <summary>The book opened with these rules; the first event of every book stream.</summary>
/// <param name="QuantityStep">The instrument's quantity step, used when the profile names no lot size.</param>
/// <param name="ReferencePrice">CNY per unit; the first day's price limits are computed from it.</param>
public sealed record BookOpened(
    string InstrumentId,
    string Unit,
    decimal QuantityStep,
    string Profile,
    TradingRules Rules,
    decimal? ReferencePrice,
    Instant OpenedAt
);

/// <summary>A funded order reached the engine at <paramref name="ReceivedAt"/>.</summary>
public sealed record OrderReceived(OrderFunded Order, Instant ReceivedAt);

/// <summary>A cancel reached the engine at <paramref name="ReceivedAt"/>.</summary>
public sealed record CancelReceived(CancelOrder Cancel, Instant ReceivedAt);

/// <summary>A funded amendment reached the engine at <paramref name="ReceivedAt"/>.</summary>
public sealed record AmendReceived(OrderAmendFunded Amend, Instant ReceivedAt);

/// <summary>A counterparty's decline of a block proposal reached the engine.</summary>
public sealed record BlockDeclineReceived(DeclineBlockTrade Decline, Instant ReceivedAt);

/// <summary>A halt reached the engine.</summary>
public sealed record HaltReceived(HaltInstrument Halt, Instant ReceivedAt);

/// <summary>A resume reached the engine.</summary>
public sealed record ResumeReceived(ResumeInstrument Resume, Instant ReceivedAt);

/// <summary>
/// Time passed: the engine's timer saw that the trading day ended or an auction's window closed, and journaled this
/// so that the day's close and the auction's clearing happen at the same point of every replay.
/// </summary>
public sealed record ClockTicked(Instant At);
