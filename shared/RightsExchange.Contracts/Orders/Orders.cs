using NodaTime;
using RightsExchange.Contracts.Values;

// The order's path. Version 1.
// PlaceOrder (gateway) -> OrderFunded or OrderFundingRejected (accounts) -> OrderAccepted or OrderRejected (matching).
// CancelOrder (gateway) -> OrderCancelled or CancelRejected (matching).
namespace RightsExchange.Contracts.Orders.V1;

/// <summary>
/// Command from the gateway: place a limit order. Accounts reserves what it needs (CNY for a buy, units for a sell).
/// </summary>
/// <param name="OrderId">Derived from the participant and <paramref name="ClientOrderId"/>, so a retried request is the same order.</param>
/// <param name="Quantity">Units in the instrument's unit; positive.</param>
/// <param name="LimitPrice">CNY per unit; positive.</param>
public sealed record PlaceOrder(
    Guid OrderId,
    string ClientOrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    decimal Quantity,
    decimal LimitPrice,
    Instant PlacedAt);

/// <summary>Event (accounts): the order is funded; its reservation is held until it fills, is cancelled or is rejected.</summary>
/// <param name="Reserved">What was reserved: CNY (consideration at the limit price plus the buyer's fee) for a buy, units for a sell.</param>
public sealed record OrderFunded(
    Guid OrderId,
    string ClientOrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    decimal Quantity,
    decimal LimitPrice,
    decimal Reserved,
    Instant PlacedAt,
    Instant FundedAt);

/// <summary>Event (accounts): the order could not be funded and changed nothing.</summary>
/// <param name="Reason">Stable code: PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, INVALID_QUANTITY, INVALID_PRICE, INSUFFICIENT_UNITS, INSUFFICIENT_CASH, DUPLICATE_ORDER.</param>
public sealed record OrderFundingRejected(Guid OrderId, string ClientOrderId, string ParticipantId, string InstrumentId, string Reason, string Detail, Instant RejectedAt);

/// <summary>Event (matching): the order passed the trading rules and entered the book (it may have traded at once).</summary>
public sealed record OrderAccepted(Guid OrderId, string ClientOrderId, string ParticipantId, string InstrumentId, Side Side, decimal Quantity, decimal LimitPrice, Instant AcceptedAt);

/// <summary>Event (matching): the order broke a trading rule; accounts voids its reservation.</summary>
/// <param name="Reason">Stable code: INSTRUMENT_UNKNOWN, QUANTITY_STEP, QUANTITY_BELOW_MINIMUM, QUANTITY_ABOVE_MAXIMUM, PRICE_TICK, PRICE_OUTSIDE_LIMITS.</param>
public sealed record OrderRejected(Guid OrderId, string ClientOrderId, string ParticipantId, string InstrumentId, Side Side, decimal Quantity, string Reason, string Detail, Instant RejectedAt);

/// <summary>Command from the gateway: cancel what is left of an order.</summary>
public sealed record CancelOrder(Guid OrderId, string InstrumentId, string ParticipantId, Instant RequestedAt);

/// <summary>Event (matching): the order's remaining quantity left the book; accounts releases what it no longer needs.</summary>
/// <param name="CancelledQuantity">Units that will never trade, in the instrument's unit.</param>
public sealed record OrderCancelled(Guid OrderId, string ParticipantId, string InstrumentId, Side Side, decimal CancelledQuantity, Instant CancelledAt);

/// <summary>Event (matching): a cancel was refused.</summary>
/// <param name="Reason">ORDER_NOT_FOUND (unknown, filled or already cancelled) or NOT_ORDER_OWNER.</param>
public sealed record CancelRejected(Guid OrderId, string ParticipantId, string Reason, string Detail, Instant RejectedAt);

/// <summary>Request to matching: one order with its fills.</summary>
public sealed record GetOrder(Guid OrderId);

/// <summary>Reply to <see cref="GetOrder"/>.</summary>
/// <param name="Status">Open, PartiallyFilled, Filled, Cancelled or Rejected.</param>
public sealed record OrderView(
    Guid OrderId,
    string ClientOrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    decimal Quantity,
    decimal LimitPrice,
    decimal FilledQuantity,
    decimal OpenQuantity,
    string Status,
    string? RejectReason,
    IReadOnlyList<OrderFill> Fills,
    Instant AcceptedAt);

/// <summary>One fill of an order: part of a trade.</summary>
public sealed record OrderFill(string TradeId, decimal Quantity, decimal Price, Instant ExecutedAt);

/// <summary>Reply: matching knows no such order.</summary>
public sealed record OrderNotFound(Guid OrderId);
