using NodaTime;
using RightsExchange.Contracts.Values;

// Settlement (delivery versus payment). Version 1.
// TradeExecuted -> SettlementInstructed (settlement) -> SettlementPosted or SettlementRefused (accounts)
// -> TradeSettled or SettlementFailed (settlement, public).
namespace RightsExchange.Contracts.Settlement.V1;

/// <summary>
/// A fee schedule: basis points of the traded value per side, rounded half up to 0.01 CNY, and at least
/// <paramref name="MinimumPerTrade"/> CNY per side of each trade (fill) where that side's rate is positive.
/// </summary>
/// <param name="Name">The schedule's name, recorded on every settlement that used it.</param>
/// <param name="MinimumPerTrade">CNY; 0 (the default, and what schedules recorded before it existed mean) is no minimum.</param>
public sealed record FeeSchedule(string Name, decimal BuyerBasisPoints, decimal SellerBasisPoints, decimal MinimumPerTrade = 0m)
{
    /// <summary>The buyer's fee on one trade of <paramref name="consideration"/> CNY.</summary>
    public decimal BuyerFee(decimal consideration) => FeeOn(consideration, BuyerBasisPoints, MinimumPerTrade);

    /// <summary>The seller's fee on one trade of <paramref name="consideration"/> CNY.</summary>
    public decimal SellerFee(decimal consideration) => FeeOn(consideration, SellerBasisPoints, MinimumPerTrade);

    /// <summary>
    /// The fee on <paramref name="consideration"/> (CNY) at <paramref name="basisPoints"/>, rounded half up to 0.01,
    /// raised to <paramref name="minimum"/> CNY when the rate is positive.
    /// </summary>
    public static decimal FeeOn(decimal consideration, decimal basisPoints, decimal minimum = 0m) =>
        basisPoints <= 0 ? 0m : Math.Max(Money.RoundCny(consideration * basisPoints / 10_000m), minimum);
}

/// <summary>
/// Event (settlement): the instructions for one trade. Accounts applies them in one transaction:
/// units from the seller's reservation to the buyer, consideration plus the buyer's fee from the buyer's reservation,
/// consideration less the seller's fee to the seller, both fees to the exchange's fee account.
/// </summary>
/// <param name="SettlementId">Equal to the trade id: one settlement per trade.</param>
/// <param name="Consideration">Price × quantity, rounded half up to 0.01 CNY.</param>
public sealed record SettlementInstructed(
    string SettlementId,
    string InstrumentId,
    string Unit,
    decimal Quantity,
    decimal Price,
    Money Consideration,
    Guid BuyOrderId,
    string BuyerId,
    Money BuyerFee,
    Guid SellOrderId,
    string SellerId,
    Money SellerFee,
    FeeSchedule FeeSchedule,
    Instant ExecutedAt,
    Instant InstructedAt
);

/// <summary>Event (accounts): both legs and the fees were posted in one transaction.</summary>
public sealed record SettlementPosted(string SettlementId, Instant PostedAt);

/// <summary>Event (accounts): the instructions could not be applied; nothing moved.</summary>
/// <param name="Reason">ACCOUNT_FROZEN, RIGHT_EXPIRED, REGION_NOT_ALLOWED, RESERVATION_MISSING, INSUFFICIENT_RESERVED_UNITS or
/// INSUFFICIENT_CASH.</param>
public sealed record SettlementRefused(string SettlementId, string Reason, string Detail, Instant RefusedAt);

/// <summary>Public event: a trade settled; units and cash have changed hands.</summary>
/// <param name="Price">CNY per unit.</param>
public sealed record TradeSettled(
    string TradeId,
    string InstrumentId,
    Quantity Quantity,
    decimal Price,
    Money Consideration,
    Guid BuyOrderId,
    string BuyerId,
    Guid SellOrderId,
    string SellerId,
    Money BuyerFee,
    Money SellerFee,
    Instant ExecutedAt,
    Instant SettledAt
);

/// <summary>Public event: a trade failed to settle; both parties are as they were before it.</summary>
public sealed record SettlementFailed(
    string TradeId,
    string InstrumentId,
    string BuyerId,
    string SellerId,
    string Reason,
    string Detail,
    Instant FailedAt
);
