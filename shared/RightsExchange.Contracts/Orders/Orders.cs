using NodaTime;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Values;

// The order's path. Version 1.
// PlaceOrder (gateway) -> OrderFunded or OrderFundingRejected (accounts) -> OrderAccepted or OrderRejected (matching).
// CancelOrder (gateway) -> OrderCancelled or CancelRejected (matching).
// AmendOrder (gateway) -> OrderAmendFunded or AmendRejected (accounts) -> OrderAmended or AmendRejected (matching).
// DeclineBlockTrade (gateway) -> OrderCancelled (reason BLOCK_DECLINED) or CancelRejected (matching).
// Fields added after the first release have defaults, so older senders and subscribers keep working.
namespace RightsExchange.Contracts.Orders.V1;

/// <summary>How an order trades.</summary>
public enum OrderType
{
    /// <summary>Continuous trading at the limit price or better (listing agreement, 挂牌协议).</summary>
    Limit,

    /// <summary>
    /// Continuous trading at the best prices available up to a protection price (the order's limit price, which must lie
    /// inside the daily price limits); what cannot trade at once is cancelled, never rested. Protection prices on market
    /// orders follow the SSE STAR Market rule (市价申报须填写保护限价).
    /// </summary>
    Market,

    /// <summary>
    /// Block agreement (大宗协议): a proposal to a named counterparty, or (with <c>ReferenceOrderId</c>) its acceptance.
    /// </summary>
    Block,

    /// <summary>An auction announced by its seller: the quantity offered at a reserve price (the limit price), with <see
    /// cref="AuctionTerms"/>.</summary>
    AuctionOffer,

    /// <summary>A bid in an announced auction (<c>ReferenceOrderId</c> names the auction).</summary>
    AuctionBid,
}

/// <summary>How long an order stays in the book.</summary>
public enum TimeInForce
{
    /// <summary>Good for the day: what is left expires at the end of the trading day (reason EXPIRED).</summary>
    Day,

    /// <summary>Good till cancelled: rests across trading days.</summary>
    GoodTillCancelled,

    /// <summary>Immediate or cancel: trades what it can at once, the rest is cancelled.</summary>
    ImmediateOrCancel,

    /// <summary>Fill or kill: trades its whole quantity at once, or is rejected (FOK_NOT_FILLABLE) and changes nothing.</summary>
    FillOrKill,
}

/// <summary>Auction formats (market-rules.md).</summary>
public enum AuctionFormat
{
    /// <summary>One-way bidding (单向竞价): open bids at or above the reserve, allocated by price then time.</summary>
    OneWayBidding,

    /// <summary>
    /// Sealed-bid single round (EEX primary auction): one clearing price where demand meets supply; ties at the clearing
    /// price ordered by a seeded random draw; cancelled if bids fall short of the volume or clear below the reserve.
    /// </summary>
    SealedBid,
}

/// <summary>What winning bidders pay.</summary>
public enum AuctionPricing
{
    /// <summary>Each winner pays its own bid.</summary>
    PayAsBid,

    /// <summary>Every winner pays the lowest winning bid (the clearing price).</summary>
    UniformPrice,
}

/// <summary>The terms an auction is announced with.</summary>
/// <param name="ClosesAt">End of the bidding window; bids at or after it are refused and the auction clears.</param>
/// <param name="BidLot">Bids must be multiples of this many units (e.g. 500 on EEX); null for the instrument's quantity step.</param>
public sealed record AuctionTerms(AuctionFormat Format, AuctionPricing Pricing, Instant ClosesAt, decimal? BidLot = null);

/// <summary>
/// Command from the gateway: place a limit order. Accounts reserves what it needs (CNY for a buy, units for a sell).
/// </summary>
/// <param name="OrderId">Derived from the participant and <paramref name="ClientOrderId"/>, so a retried request is the same order.</param>
/// <param name="Quantity">Units in the instrument's unit; positive.</param>
/// <param name="LimitPrice">CNY per unit; positive. For a market order its protection price, for an auction offer its reserve
/// price.</param>
/// <param name="Counterparty">Block proposals only: the participant the trade is proposed to.</param>
/// <param name="ReferenceOrderId">Block acceptances: the proposal accepted; auction bids: the auction (its offer's order id).</param>
/// <param name="Auction">Auction offers only.</param>
public sealed record PlaceOrder(
    Guid OrderId,
    string ClientOrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    decimal Quantity,
    decimal LimitPrice,
    Instant PlacedAt,
    OrderType Type = OrderType.Limit,
    TimeInForce TimeInForce = TimeInForce.Day,
    string? Counterparty = null,
    Guid? ReferenceOrderId = null,
    AuctionTerms? Auction = null
)
{
    // The kinds of order, each with the fields it uses and no other: build a PlaceOrder with one of these. The record stays
    // flat on the wire (and in the stores that keep OrderFunded), as version 1 was published. In all of them quantities are
    // in the instrument's unit and prices CNY per unit; nothing is checked here: accounts and matching refuse with reasons
    // (sizes, ticks, price limits and sessions come from the instrument's trading profile).

    /// <summary>A limit or market order for continuous trading; its id from the participant and the client order id.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not Limit or Market.</exception>
    public static PlaceOrder Continuous(
        string clientOrderId,
        string participantId,
        string instrumentId,
        Side side,
        decimal quantity,
        decimal limitPrice,
        OrderType type,
        TimeInForce timeInForce,
        Instant placedAt
    ) =>
        type is OrderType.Limit or OrderType.Market
            ? new(
                OrderIds.For(participantId, clientOrderId),
                clientOrderId,
                participantId,
                instrumentId,
                side,
                quantity,
                limitPrice,
                placedAt,
                type,
                timeInForce
            )
            : throw new ArgumentOutOfRangeException(nameof(type), type, "A continuous order is Limit or Market.");

    /// <summary>
    /// A block agreement proposed to <paramref name="counterparty"/> at <paramref name="price"/> (CNY per unit), open for the
    /// trading day it is made in (national ETS trading rules: block agreements between two named parties in the block session;
    /// market-rules.md, "National carbon market").
    /// </summary>
    public static PlaceOrder BlockProposal(
        string clientOrderId,
        string participantId,
        string instrumentId,
        Side side,
        decimal quantity,
        decimal price,
        string counterparty,
        Instant placedAt
    ) =>
        new(
            OrderIds.For(participantId, clientOrderId),
            clientOrderId,
            participantId,
            instrumentId,
            side,
            quantity,
            price,
            placedAt,
            OrderType.Block,
            TimeInForce.Day,
            Counterparty: counterparty
        );

    /// <summary>The acceptance of block proposal <paramref name="proposal"/>: its other side, at its quantity and price.</summary>
    public static PlaceOrder BlockAcceptance(string clientOrderId, string participantId, OrderView proposal, Instant placedAt) =>
        new(
            OrderIds.For(participantId, clientOrderId),
            clientOrderId,
            participantId,
            proposal.InstrumentId,
            proposal.Side == Side.Buy ? Side.Sell : Side.Buy,
            proposal.Quantity,
            proposal.LimitPrice,
            placedAt,
            OrderType.Block,
            TimeInForce.Day,
            Counterparty: proposal.ParticipantId,
            ReferenceOrderId: proposal.OrderId
        );

    /// <summary>
    /// An auction announced by its seller (one-way bidding, national ETS trading rules): <paramref name="quantity"/> offered at
    /// <paramref name="reservePrice"/> (CNY per unit) until it clears at <see cref="AuctionTerms.ClosesAt"/> or is cancelled.
    /// </summary>
    public static PlaceOrder AuctionOffer(
        string clientOrderId,
        string participantId,
        string instrumentId,
        decimal quantity,
        decimal reservePrice,
        AuctionTerms terms,
        Instant placedAt
    ) =>
        new(
            OrderIds.For(participantId, clientOrderId),
            clientOrderId,
            participantId,
            instrumentId,
            Side.Sell,
            quantity,
            reservePrice,
            placedAt,
            OrderType.AuctionOffer,
            TimeInForce.GoodTillCancelled,
            Auction: terms
        );

    /// <summary>
    /// A bid in auction <paramref name="auctionId"/> (its offer's order id) at <paramref name="price"/> (CNY per unit), until
    /// the auction clears or the bid is cancelled.
    /// </summary>
    public static PlaceOrder AuctionBid(
        string clientOrderId,
        string participantId,
        string instrumentId,
        Guid auctionId,
        decimal quantity,
        decimal price,
        Instant placedAt
    ) =>
        new(
            OrderIds.For(participantId, clientOrderId),
            clientOrderId,
            participantId,
            instrumentId,
            Side.Buy,
            quantity,
            price,
            placedAt,
            OrderType.AuctionBid,
            TimeInForce.GoodTillCancelled,
            ReferenceOrderId: auctionId
        );
}

/// <summary>Event (accounts): the order is funded; its reservation is held until it fills, is cancelled or is rejected.</summary>
/// <param name="Reserved">What was reserved: CNY (consideration at the limit price plus the buyer's fee) for a buy, units for a
/// sell.</param>
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
    Instant FundedAt,
    OrderType Type = OrderType.Limit,
    TimeInForce TimeInForce = TimeInForce.Day,
    string? Counterparty = null,
    Guid? ReferenceOrderId = null,
    AuctionTerms? Auction = null
);

/// <summary>Event (accounts): the order could not be funded and changed nothing.</summary>
/// <param name="Reason">Stable code: PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, INVALID_QUANTITY, INVALID_PRICE, INSUFFICIENT_UNITS,
/// INSUFFICIENT_CASH, DUPLICATE_ORDER,
/// RETAIL_ONLY (an individual's account buys from retail offers only).</param>
public sealed record OrderFundingRejected(
    Guid OrderId,
    string ClientOrderId,
    string ParticipantId,
    string InstrumentId,
    string Reason,
    string Detail,
    Instant RejectedAt
);

/// <summary>Event (matching): the order passed the trading rules and entered the book (it may have traded at once).</summary>
public sealed record OrderAccepted(
    Guid OrderId,
    string ClientOrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    decimal Quantity,
    decimal LimitPrice,
    Instant AcceptedAt
);

/// <summary>Event (matching): the order broke a trading rule; accounts voids its reservation.</summary>
/// <param name="Reason">
/// Stable code: INSTRUMENT_UNKNOWN, INSTRUMENT_HALTED, MARKET_CLOSED, QUANTITY_STEP, QUANTITY_BELOW_MINIMUM,
/// QUANTITY_ABOVE_MAXIMUM, PRICE_TICK, PRICE_OUTSIDE_LIMITS, FOK_NOT_FILLABLE, TIME_IN_FORCE_NOT_ALLOWED;
/// block trades: OUTSIDE_BLOCK_SESSION, BLOCK_COUNTERPARTY, BLOCK_BELOW_MINIMUM, PRICE_OUTSIDE_BLOCK_LIMITS,
/// BLOCK_PROPOSAL_NOT_FOUND, NOT_BLOCK_COUNTERPARTY, BLOCK_TERMS_MISMATCH;
/// auctions: AUCTION_TERMS, AUCTION_NOT_FOUND, AUCTION_CLOSED, AUCTION_BID_SIDE, AUCTION_BID_LOT,
/// AUCTION_BID_TOO_LARGE, BID_BELOW_RESERVE, SELF_TRADE.
/// </param>
public sealed record OrderRejected(
    Guid OrderId,
    string ClientOrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    decimal Quantity,
    string Reason,
    string Detail,
    Instant RejectedAt
);

/// <summary>Command from the gateway: cancel what is left of an order.</summary>
public sealed record CancelOrder(Guid OrderId, string InstrumentId, string ParticipantId, Instant RequestedAt);

/// <summary>Event (matching): the order's remaining quantity left the book; accounts releases what it no longer needs.</summary>
/// <param name="CancelledQuantity">Units that will never trade, in the instrument's unit.</param>
/// <param name="Reason">
/// CANCELLED (by its owner), EXPIRED (a day order or block proposal at the end of the trading day),
/// IMMEDIATE_OR_CANCEL and MARKET_REMAINDER (what could not trade at once), SELF_TRADE_PREVENTED,
/// BLOCK_DECLINED, AUCTION_UNFILLED (a bid that won nothing), AUCTION_UNSOLD (an offer's unsold part),
/// AUCTION_CANCELLED (bids short of the volume, or a clearing price below the reserve).
/// </param>
public sealed record OrderCancelled(
    Guid OrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    decimal CancelledQuantity,
    Instant CancelledAt,
    string Reason = ReasonCodes.Cancelled
);

/// <summary>Event (matching): a cancel was refused.</summary>
/// <param name="Reason">ORDER_NOT_FOUND (unknown, filled or already cancelled), NOT_ORDER_OWNER, NOT_BLOCK_COUNTERPARTY or
/// AUCTION_HAS_BIDS.</param>
public sealed record CancelRejected(Guid OrderId, string ParticipantId, string Reason, string Detail, Instant RejectedAt);

/// <summary>Command from the gateway: the counterparty of a block proposal declines it.</summary>
public sealed record DeclineBlockTrade(Guid ProposalId, string InstrumentId, string ParticipantId, Instant RequestedAt);

/// <summary>
/// Command from the gateway: change a resting order's total quantity and/or limit price. A smaller quantity at the same
/// price keeps the order's time priority; a new price or a larger quantity loses it (the order goes to the back of its level).
/// Accounts tops up the reservation first when the amended order needs more.
/// </summary>
/// <param name="Quantity">New total quantity (filled part included), in the instrument's unit.</param>
/// <param name="LimitPrice">New limit price, CNY per unit.</param>
public sealed record AmendOrder(
    Guid AmendId,
    Guid OrderId,
    string InstrumentId,
    string ParticipantId,
    decimal Quantity,
    decimal LimitPrice,
    Instant RequestedAt
);

/// <summary>Event (accounts): the amended order is covered; <paramref name="AddedReserve"/> more (CNY for a buy, units for a sell) was
/// reserved.</summary>
public sealed record OrderAmendFunded(
    Guid AmendId,
    Guid OrderId,
    string InstrumentId,
    string ParticipantId,
    Side Side,
    decimal Quantity,
    decimal LimitPrice,
    decimal AddedReserve,
    Instant FundedAt
);

/// <summary>Event (matching): the order now has this quantity and price.</summary>
/// <param name="OpenQuantity">Quantity still in the book after the amendment (before any trade it caused).</param>
/// <param name="PriorityKept">True when only the quantity was reduced.</param>
public sealed record OrderAmended(
    Guid AmendId,
    Guid OrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    decimal Quantity,
    decimal LimitPrice,
    decimal OpenQuantity,
    bool PriorityKept,
    Instant AmendedAt
);

/// <summary>Event (accounts or matching): the amendment was refused; the order is as it was.</summary>
/// <param name="Reason">ORDER_NOT_FOUND, NOT_ORDER_OWNER, INSUFFICIENT_CASH, INSUFFICIENT_UNITS, AMEND_BELOW_FILLED, INSTRUMENT_HALTED,
/// MARKET_CLOSED, QUANTITY_STEP, QUANTITY_ABOVE_MAXIMUM, PRICE_TICK, PRICE_OUTSIDE_LIMITS.</param>
public sealed record AmendRejected(Guid AmendId, Guid OrderId, string ParticipantId, string Reason, string Detail, Instant RejectedAt);

/// <summary>Request to matching: one order with its fills.</summary>
public sealed record GetOrder(Guid OrderId);

/// <summary>Reply to <see cref="GetOrder"/>.</summary>
/// <param name="Status">Open, PartiallyFilled, Filled, Cancelled or Rejected.</param>
/// <param name="CloseReason">Why the rest of the order left the book (an <see cref="OrderCancelled"/> reason), when it did.</param>
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
    Instant AcceptedAt,
    OrderType Type = OrderType.Limit,
    TimeInForce TimeInForce = TimeInForce.Day,
    string? Counterparty = null,
    string? CloseReason = null
);

/// <summary>One fill of an order: part of a trade.</summary>
public sealed record OrderFill(string TradeId, decimal Quantity, decimal Price, Instant ExecutedAt);

/// <summary>Reply: matching knows no such order.</summary>
public sealed record OrderNotFound(Guid OrderId);
