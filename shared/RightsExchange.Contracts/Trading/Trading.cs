using NodaTime;
using RightsExchange.Contracts.Values;

// Trades, as the matching engine executes them. Version 1. Published for settlement and for outside subscribers.
namespace RightsExchange.Contracts.Trading.V1;

/// <summary>How a trade came about, for market data.</summary>
public enum TradeKind
{
    /// <summary>Continuous trading in the order book (listing agreement).</summary>
    Continuous,

    /// <summary>An accepted block agreement (大宗协议).</summary>
    Block,

    /// <summary>An allocation at an auction's close.</summary>
    Auction,
}

/// <summary>
/// Event (matching): two orders matched. The price is the resting order's (price-time priority);
/// settlement turns the trade into a delivery-versus-payment settlement.
/// </summary>
/// <param name="TradeId">Unique and deterministic: the instrument id and the book's trade sequence, e.g. <c>CEA-2024-00000012</c>.</param>
/// <param name="Quantity">Units, in <paramref name="Unit"/>.</param>
/// <param name="Price">CNY per unit.</param>
/// <param name="AggressorSide">Side of the incoming (taker) order.</param>
/// <param name="BuyOrderOpen">Quantity of the buy order still open after this trade.</param>
/// <param name="SellOrderOpen">Quantity of the sell order still open after this trade.</param>
/// <param name="Kind">Continuous, Block or Auction.</param>
public sealed record TradeExecuted(
    string TradeId,
    string InstrumentId,
    string Unit,
    decimal Quantity,
    decimal Price,
    Guid BuyOrderId,
    string BuyerId,
    Guid SellOrderId,
    string SellerId,
    Side AggressorSide,
    decimal BuyOrderOpen,
    decimal SellOrderOpen,
    Instant ExecutedAt,
    TradeKind Kind = TradeKind.Continuous
);
