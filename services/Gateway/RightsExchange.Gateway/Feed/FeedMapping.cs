using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Public.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Gateway.Feed;

/// <summary>
/// One row of the feed's table: a contract event the feed records, the CloudEvent types it becomes, and how (pure).
/// </summary>
/// <param name="Event">The contract event, consumed in batches (<c>MessageBatch&lt;Event&gt;</c>).</param>
/// <param name="Types">The CloudEvent types its entries have (<see cref="CloudEventTypes"/>).</param>
/// <param name="Entries">The entries for one event: (event, its message id, the service that recorded it).</param>
/// <param name="PartitionBound">Published on the matching partitions' exchange (listings) rather than its own.</param>
public sealed record FeedSource(
    Type Event,
    IReadOnlyList<string> Types,
    Func<object, Guid, string, IReadOnlyList<FeedEntry>> Entries,
    bool PartitionBound = false
);

/// <summary>
/// Turns the services' contract events into feed entries (pure). Public entries leave out counterparties and order ids;
/// each party of a trade gets its own private <see cref="OrderFilled"/>.
/// </summary>
public static class FeedMapping
{
    private static readonly JsonSerializerOptions Json = ContractJson.Web();

    /// <summary>
    /// The feed's one table. The feed's queue is bound to its events (<see cref="FeedConsumer.Bind"/>); unit tests hold
    /// <see cref="FeedConsumer"/>'s interfaces to its events and its types to <see cref="CloudEventTypes.DataTypes"/>,
    /// from which the JSON schemas are generated and to which the AsyncAPI document is held.
    /// </summary>
    public static IReadOnlyList<FeedSource> Sources { get; } =
    [
        Source<TradeExecuted>([CloudEventTypes.TradeExecuted, CloudEventTypes.OrderFilled], Trade),
        Public<TradeSettled>(CloudEventTypes.TradeSettled, s => s.InstrumentId, s => s.SettledAt, PublicSettlement),
        Public<SettlementFailed>(
            CloudEventTypes.SettlementFailed,
            f => f.InstrumentId,
            f => f.FailedAt,
            f => new PublicSettlementFailure(f.TradeId, f.InstrumentId, f.Reason, f.FailedAt)
        ),
        Public<OrderBookChanged>(CloudEventTypes.OrderBookChanged, b => b.InstrumentId, b => b.At),
        Public<TradingDayClosed>(CloudEventTypes.TradingDayClosed, d => d.InstrumentId, d => d.ClosedAt),
        Public<InstrumentHalted>(CloudEventTypes.InstrumentHalted, h => h.InstrumentId, h => h.HaltedAt),
        Public<InstrumentResumed>(CloudEventTypes.InstrumentResumed, r => r.InstrumentId, r => r.ResumedAt),
        Public<InstrumentListed>(CloudEventTypes.InstrumentListed, l => l.InstrumentId, l => l.ListedAt) with
        {
            PartitionBound = true,
        },
        Public<RetirementRecorded>(CloudEventTypes.RetirementRecorded, r => r.InstrumentId, r => r.RetiredAt),
        Public<CompensationPaid>(CloudEventTypes.CompensationPaid, p => p.AgreementId.ToString(), p => p.PaidAt),
        Public<CompensationIndicatorsSettled>(
            CloudEventTypes.CompensationIndicatorsSettled,
            i => i.AgreementId.ToString(),
            i => i.SettledAt
        ),
        Private<OrderAccepted>(CloudEventTypes.OrderAccepted, a => a.InstrumentId, a => a.AcceptedAt, a => a.ParticipantId),
        Private<OrderRejected>(CloudEventTypes.OrderRejected, r => r.InstrumentId, r => r.RejectedAt, r => r.ParticipantId),
        Private<OrderFundingRejected>(CloudEventTypes.OrderFundingRejected, r => r.InstrumentId, r => r.RejectedAt, r => r.ParticipantId),
        Private<OrderCancelled>(CloudEventTypes.OrderCancelled, c => c.InstrumentId, c => c.CancelledAt, c => c.ParticipantId),
        Private<OrderAmended>(CloudEventTypes.OrderAmended, a => a.InstrumentId, a => a.AmendedAt, a => a.ParticipantId),
    ];

    private static readonly Dictionary<Type, FeedSource> BySource = Sources.ToDictionary(s => s.Event);

    /// <summary>The entries for <paramref name="message"/>; none for an event the feed does not record.</summary>
    public static IReadOnlyList<FeedEntry> Entries(object message, Guid messageId, string source) =>
        BySource.TryGetValue(message.GetType(), out var row) ? row.Entries(message, messageId, source) : [];

    private static FeedSource Source<T>(string[] types, Func<T, Guid, string, IReadOnlyList<FeedEntry>> entries) =>
        new(typeof(T), types, (message, id, source) => entries((T)message, id, source));

    // An event published to everyone, as it is or as its public view (data).
    private static FeedSource Public<T>(string type, Func<T, string> subject, Func<T, Instant> time, Func<T, object>? data = null) =>
        Source<T>([type], (e, id, source) => [Public(id, type, source, subject(e), time(e), data is null ? e : data(e))]);

    // An event published as it is, to the one participant it concerns.
    private static FeedSource Private<T>(string type, Func<T, string> subject, Func<T, Instant> time, Func<T, string> audience) =>
        Source<T>([type], (e, id, source) => [Private(id, type, source, subject(e), time(e), audience(e), e)]);

    private static IReadOnlyList<FeedEntry> Trade(TradeExecuted t, Guid messageId, string source) =>
        [
            Public(
                messageId,
                CloudEventTypes.TradeExecuted,
                source,
                t.InstrumentId,
                t.ExecutedAt,
                new PublicTrade(t.TradeId, t.InstrumentId, t.Quantity, t.Unit, t.Price, Money.Cny, t.AggressorSide, t.Kind, t.ExecutedAt)
            ),
            Fill(t, messageId, source, Side.Buy),
            Fill(t, messageId, source, Side.Sell),
        ];

    // Each party's own fill; a block fill names the counterparty (it was agreed between them), a continuous one does not.
    private static FeedEntry Fill(TradeExecuted t, Guid messageId, string source, Side side)
    {
        var (participant, orderId, open, counterparty) =
            side == Side.Buy
                ? (t.BuyerId, t.BuyOrderId, t.BuyOrderOpen, t.SellerId)
                : (t.SellerId, t.SellOrderId, t.SellOrderOpen, t.BuyerId);
        return Private(
            Derived(messageId, side == Side.Buy ? "buy" : "sell"),
            CloudEventTypes.OrderFilled,
            source,
            t.InstrumentId,
            t.ExecutedAt,
            participant,
            new OrderFilled(
                orderId,
                participant,
                t.InstrumentId,
                side,
                t.TradeId,
                t.Quantity,
                t.Unit,
                t.Price,
                open,
                t.Kind,
                t.Kind == TradeKind.Block ? counterparty : null,
                t.ExecutedAt
            )
        );
    }

    private static PublicSettlement PublicSettlement(TradeSettled s) =>
        new(
            s.TradeId,
            s.InstrumentId,
            s.Quantity.Amount,
            s.Quantity.Unit,
            s.Price,
            s.Consideration.Amount,
            s.Consideration.Currency,
            s.ExecutedAt,
            s.SettledAt
        );

    private static FeedEntry Public<T>(Guid id, string type, string source, string subject, Instant time, T data) =>
        new(id, type, source, subject, time, null, JsonSerializer.Serialize(data, Json));

    private static FeedEntry Private<T>(Guid id, string type, string source, string subject, Instant time, string participantId, T data) =>
        new(id, type, source, subject, time, participantId, JsonSerializer.Serialize(data, Json));

    /// <summary>A stable id for one view of a source event, so a redelivered source event gives the same ids.</summary>
    private static Guid Derived(Guid source, string view)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{source:N}/{view}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
