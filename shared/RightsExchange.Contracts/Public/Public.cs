using NodaTime;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;

// The public feed: what outside systems receive as CloudEvents (RabbitMQ exchange, server-sent events, webhooks). Version 1.
// The AsyncAPI document (docs/asyncapi.yaml) and the JSON schemas (docs/schemas) describe these for non-.NET clients.
namespace RightsExchange.Contracts.Public.V1;

/// <summary>
/// Where and how the public feed is published. Every entry is a CloudEvent 1.0 in structured JSON mode
/// (<c>application/cloudevents+json</c>): <c>specversion</c>, <c>id</c> (unique per source; a redelivered copy has
/// the same id), <c>source</c> (<c>/rightsexchange/{service}</c>), <c>type</c> (one of <see cref="CloudEventTypes"/>),
/// <c>time</c>, <c>subject</c> (the instrument id; the agreement id for compensation),
/// <c>datacontenttype</c> <c>application/json</c>, the extension
/// <c>rxsequence</c> (the entry's position in the feed as decimal digits: increasing, with gaps) and <c>data</c> (camelCase JSON of the
/// record named by the type).
/// </summary>
public static class PublicFeed
{
    /// <summary>The RabbitMQ topic exchange carrying public entries (durable).</summary>
    public const string Exchange = "rightsexchange.public.v1";

    /// <summary>The CloudEvents extension attribute holding the feed position (an integer).</summary>
    public const string SequenceAttribute = "rxsequence";

    /// <summary>
    /// The routing key of an entry: its type, a dot, and its subject with dots replaced by underscores, e.g.
    /// <c>rightsexchange.trading.v1.TradeExecuted.CEA-2024</c>. Bind <c>rightsexchange.#</c> for everything,
    /// <c>rightsexchange.trading.v1.TradeExecuted.*</c> for every trade, <c>*.*.*.*.CEA-2024</c> for one instrument.
    /// </summary>
    public static string RoutingKey(string type, string subject) => $"{type}.{subject.Replace('.', '_')}";
}

/// <summary>The CloudEvents <c>type</c> of every feed entry, with the record its <c>data</c> holds.</summary>
public static class CloudEventTypes
{
    /// <summary>Public. Data: <see cref="PublicTrade"/>.</summary>
    public const string TradeExecuted = "rightsexchange.trading.v1.TradeExecuted";

    /// <summary>Public. Data: <see cref="PublicSettlement"/>.</summary>
    public const string TradeSettled = "rightsexchange.settlement.v1.TradeSettled";

    /// <summary>Public. Data: <see cref="PublicSettlementFailure"/>.</summary>
    public const string SettlementFailed = "rightsexchange.settlement.v1.SettlementFailed";

    /// <summary>Public. Data: <see cref="MarketData.V1.OrderBookChanged"/>.</summary>
    public const string OrderBookChanged = "rightsexchange.marketdata.v1.OrderBookChanged";

    /// <summary>Public: the daily statistics. Data: <see cref="MarketData.V1.TradingDayClosed"/>.</summary>
    public const string TradingDayClosed = "rightsexchange.marketdata.v1.TradingDayClosed";

    /// <summary>Public. Data: <see cref="MarketData.V1.InstrumentHalted"/>.</summary>
    public const string InstrumentHalted = "rightsexchange.marketdata.v1.InstrumentHalted";

    /// <summary>Public. Data: <see cref="MarketData.V1.InstrumentResumed"/>.</summary>
    public const string InstrumentResumed = "rightsexchange.marketdata.v1.InstrumentResumed";

    /// <summary>Public. Data: <see cref="Registry.V1.InstrumentListed"/>.</summary>
    public const string InstrumentListed = "rightsexchange.registry.v1.InstrumentListed";

    /// <summary>Public: a retirement record. Data: <see cref="Registry.V1.RetirementRecorded"/>.</summary>
    public const string RetirementRecorded = "rightsexchange.registry.v1.RetirementRecorded";

    /// <summary>
    /// Public: a year of an ecological compensation agreement paid (subject: the agreement id).
    /// Data: <see cref="Compensation.V1.CompensationPaid"/>.
    /// </summary>
    public const string CompensationPaid = "rightsexchange.compensation.v1.CompensationPaid";

    /// <summary>
    /// Public: a year of an indicator-target agreement (Beijing GEP-R) settled in units: surpluses issued, shortfalls
    /// owed (subject: the agreement id). Data: <see cref="Compensation.V1.CompensationIndicatorsSettled"/>.
    /// </summary>
    public const string CompensationIndicatorsSettled = "rightsexchange.compensation.v1.CompensationIndicatorsSettled";

    /// <summary>Private to the order's participant. Data: <see cref="Orders.V1.OrderAccepted"/>.</summary>
    public const string OrderAccepted = "rightsexchange.orders.v1.OrderAccepted";

    /// <summary>Private. Data: <see cref="Orders.V1.OrderRejected"/> (refused by the trading rules).</summary>
    public const string OrderRejected = "rightsexchange.orders.v1.OrderRejected";

    /// <summary>Private. Data: <see cref="Orders.V1.OrderFundingRejected"/> (refused by the registry: not enough units or cash).</summary>
    public const string OrderFundingRejected = "rightsexchange.orders.v1.OrderFundingRejected";

    /// <summary>Private. Data: <see cref="Orders.V1.OrderCancelled"/>.</summary>
    public const string OrderCancelled = "rightsexchange.orders.v1.OrderCancelled";

    /// <summary>Private. Data: <see cref="Orders.V1.OrderAmended"/>.</summary>
    public const string OrderAmended = "rightsexchange.orders.v1.OrderAmended";

    /// <summary>Private. Data: <see cref="OrderFilled"/>.</summary>
    public const string OrderFilled = "rightsexchange.orders.v1.OrderFilled";

    /// <summary>Types every subscriber may receive; the rest reach only the order's participant.</summary>
    public static readonly IReadOnlyList<string> Public =
    [
        TradeExecuted,
        TradeSettled,
        SettlementFailed,
        OrderBookChanged,
        TradingDayClosed,
        InstrumentHalted,
        InstrumentResumed,
        InstrumentListed,
        RetirementRecorded,
        CompensationPaid,
        CompensationIndicatorsSettled,
    ];

    /// <summary>Types delivered only to the participant whose order they concern.</summary>
    public static readonly IReadOnlyList<string> Private =
    [
        OrderAccepted,
        OrderRejected,
        OrderFundingRejected,
        OrderCancelled,
        OrderAmended,
        OrderFilled,
    ];

    /// <summary>The record each type's <c>data</c> holds (its JSON schema is <c>docs/schemas/{type}.json</c>).</summary>
    public static readonly IReadOnlyDictionary<string, Type> DataTypes = new Dictionary<string, Type>
    {
        [TradeExecuted] = typeof(PublicTrade),
        [TradeSettled] = typeof(PublicSettlement),
        [SettlementFailed] = typeof(PublicSettlementFailure),
        [OrderBookChanged] = typeof(MarketData.V1.OrderBookChanged),
        [TradingDayClosed] = typeof(MarketData.V1.TradingDayClosed),
        [InstrumentHalted] = typeof(MarketData.V1.InstrumentHalted),
        [InstrumentResumed] = typeof(MarketData.V1.InstrumentResumed),
        [InstrumentListed] = typeof(Registry.V1.InstrumentListed),
        [RetirementRecorded] = typeof(Registry.V1.RetirementRecorded),
        [CompensationPaid] = typeof(Compensation.V1.CompensationPaid),
        [CompensationIndicatorsSettled] = typeof(Compensation.V1.CompensationIndicatorsSettled),
        [OrderAccepted] = typeof(Orders.V1.OrderAccepted),
        [OrderRejected] = typeof(Orders.V1.OrderRejected),
        [OrderFundingRejected] = typeof(Orders.V1.OrderFundingRejected),
        [OrderCancelled] = typeof(Orders.V1.OrderCancelled),
        [OrderAmended] = typeof(Orders.V1.OrderAmended),
        [OrderFilled] = typeof(Public.V1.OrderFilled),
    };
}

/// <summary>
/// A trade on the public tape: no counterparties and no order ids (Chinese carbon exchanges do not publish who traded).
/// </summary>
/// <param name="TradeId">As in settlement and in the trader's own <see cref="OrderFilled"/>, e.g. <c>CEA-2024-00000012</c>.</param>
/// <param name="Quantity">Units, in <paramref name="Unit"/> (t, tCO2e, m3/yr ...).</param>
/// <param name="Price">CNY per unit.</param>
/// <param name="AggressorSide">Side of the incoming order (Buy or Sell).</param>
/// <param name="Kind">Continuous, Block or Auction.</param>
public sealed record PublicTrade(
    string TradeId,
    string InstrumentId,
    decimal Quantity,
    string Unit,
    decimal Price,
    string Currency,
    Side AggressorSide,
    TradeKind Kind,
    Instant ExecutedAt
);

/// <summary>A trade settled (delivery versus payment done), without counterparties.</summary>
/// <param name="Consideration">Price × quantity in CNY, rounded half up to 0.01.</param>
public sealed record PublicSettlement(
    string TradeId,
    string InstrumentId,
    decimal Quantity,
    string Unit,
    decimal Price,
    decimal Consideration,
    string Currency,
    Instant ExecutedAt,
    Instant SettledAt
);

/// <summary>A trade failed to settle; neither leg moved and both parties are as they were.</summary>
/// <param name="Reason">A stable code, e.g. RESERVATION_MISSING, INSUFFICIENT_CASH. The registry's own sentence is not
/// published: it names the parties' orders and balances.</param>
public sealed record PublicSettlementFailure(string TradeId, string InstrumentId, string Reason, Instant FailedAt);

/// <summary>A fill of one of the participant's own orders (private: only that participant receives it).</summary>
/// <param name="Quantity">Units filled, in <paramref name="Unit"/>.</param>
/// <param name="Price">CNY per unit.</param>
/// <param name="Open">Quantity of the order still open after this fill.</param>
/// <param name="Counterparty">Named only for block trades, where both parties agreed the trade with each other; null otherwise.</param>
public sealed record OrderFilled(
    Guid OrderId,
    string ParticipantId,
    string InstrumentId,
    Side Side,
    string TradeId,
    decimal Quantity,
    string Unit,
    decimal Price,
    decimal Open,
    TradeKind Kind,
    string? Counterparty,
    Instant ExecutedAt
);
