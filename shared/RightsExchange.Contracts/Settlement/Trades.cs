using NodaTime;

// The settled trades, read back (the settlement service). Version 1.
namespace RightsExchange.Contracts.Settlement.V1;

/// <summary>Request to settlement: the trades of an instrument with their settlement state.</summary>
public sealed record GetTrades(string InstrumentId);

/// <summary>Reply to <see cref="GetTrades"/>, oldest first.</summary>
public sealed record TradeList(string InstrumentId, IReadOnlyList<TradeSettlementView> Trades);

/// <summary>One trade and where its settlement stands.</summary>
/// <param name="Status">Scheduled (end-of-day net, before its cycle), Instructed, Settled or Failed.</param>
public sealed record TradeSettlementView(
    string TradeId,
    string InstrumentId,
    string Unit,
    decimal Quantity,
    decimal Price,
    decimal Consideration,
    string BuyerId,
    string SellerId,
    decimal BuyerFee,
    decimal SellerFee,
    string FeeSchedule,
    string Status,
    string? FailureReason,
    Instant ExecutedAt,
    Instant? SettledAt
);
