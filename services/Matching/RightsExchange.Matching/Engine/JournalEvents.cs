using NodaTime;
using RightsExchange.Contracts.Orders.V1;

// The engine journal's inputs (stream book:{instrument}). A book is rebuilt by feeding these, in order, to a new
// OrderBook; the outputs stored beside them (OrderAccepted, TradeExecuted, ...) are what the engine said then.
namespace RightsExchange.Matching.Engine;

/// <summary>The book opened with these rules; the first event of every book stream.</summary>
/// <param name="QuantityStep">The instrument's quantity step, used when the profile names no lot size.</param>
/// <param name="ReferencePrice">CNY per unit; the price limits are computed from it.</param>
public sealed record BookOpened(string InstrumentId, string Unit, decimal QuantityStep, string Profile, TradingRules Rules, decimal? ReferencePrice, Instant OpenedAt);

/// <summary>A funded order reached the engine at <paramref name="ReceivedAt"/>.</summary>
public sealed record OrderReceived(OrderFunded Order, Instant ReceivedAt);

/// <summary>A cancel reached the engine at <paramref name="ReceivedAt"/>.</summary>
public sealed record CancelReceived(CancelOrder Cancel, Instant ReceivedAt);
