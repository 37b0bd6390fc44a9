using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
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
/// Event (gateway log, stream <c>feed</c>): one entry of the public feed, in the order the feed recorded it. Its store
/// sequence is its feed position: the SSE id and the CloudEvent's <c>rxsequence</c>.
/// </summary>
/// <param name="Id">The CloudEvent id: the source event's id, or one derived from it for a per-party view.</param>
/// <param name="Source">The service that recorded the source event (accounts, matching, settlement).</param>
/// <param name="Subject">The instrument id.</param>
/// <param name="Audience">null for a public entry; otherwise the only participant that may receive it.</param>
/// <param name="Data">The payload's camelCase JSON.</param>
public sealed record FeedEntry(Guid Id, string Type, string Source, string Subject, Instant Time, string? Audience, string Data)
{
    public const string StreamKey = "feed";

    public bool IsPublic => Audience is null;

    /// <summary>May <paramref name="participantId"/> (null: an anonymous caller) receive this entry?</summary>
    public bool VisibleTo(string? participantId) => Audience is null || Audience == participantId;
}

/// <summary>
/// Turns the services' contract events into feed entries (pure). Public entries leave out counterparties and order ids;
/// each party of a trade gets its own private <see cref="OrderFilled"/>.
/// </summary>
public static class FeedMapping
{
    private static readonly JsonSerializerOptions Json = ContractJson.Web();

    public static IReadOnlyList<FeedEntry> Entries(object message, Guid messageId, string source) =>
        message switch
        {
            TradeExecuted t =>
            [
                Public(
                    messageId,
                    CloudEventTypes.TradeExecuted,
                    source,
                    t.InstrumentId,
                    t.ExecutedAt,
                    new PublicTrade(
                        t.TradeId,
                        t.InstrumentId,
                        t.Quantity,
                        t.Unit,
                        t.Price,
                        Money.Cny,
                        t.AggressorSide,
                        t.Kind,
                        t.ExecutedAt
                    )
                ),
                Private(
                    Derived(messageId, "buy"),
                    CloudEventTypes.OrderFilled,
                    source,
                    t.InstrumentId,
                    t.ExecutedAt,
                    t.BuyerId,
                    new OrderFilled(
                        t.BuyOrderId,
                        t.BuyerId,
                        t.InstrumentId,
                        Side.Buy,
                        t.TradeId,
                        t.Quantity,
                        t.Unit,
                        t.Price,
                        t.BuyOrderOpen,
                        t.Kind,
                        t.Kind == TradeKind.Block ? t.SellerId : null,
                        t.ExecutedAt
                    )
                ),
                Private(
                    Derived(messageId, "sell"),
                    CloudEventTypes.OrderFilled,
                    source,
                    t.InstrumentId,
                    t.ExecutedAt,
                    t.SellerId,
                    new OrderFilled(
                        t.SellOrderId,
                        t.SellerId,
                        t.InstrumentId,
                        Side.Sell,
                        t.TradeId,
                        t.Quantity,
                        t.Unit,
                        t.Price,
                        t.SellOrderOpen,
                        t.Kind,
                        t.Kind == TradeKind.Block ? t.BuyerId : null,
                        t.ExecutedAt
                    )
                ),
            ],
            TradeSettled s =>
            [
                Public(
                    messageId,
                    CloudEventTypes.TradeSettled,
                    source,
                    s.InstrumentId,
                    s.SettledAt,
                    new PublicSettlement(
                        s.TradeId,
                        s.InstrumentId,
                        s.Quantity.Amount,
                        s.Quantity.Unit,
                        s.Price,
                        s.Consideration.Amount,
                        s.Consideration.Currency,
                        s.ExecutedAt,
                        s.SettledAt
                    )
                ),
            ],
            SettlementFailed f =>
            [
                Public(
                    messageId,
                    CloudEventTypes.SettlementFailed,
                    source,
                    f.InstrumentId,
                    f.FailedAt,
                    new PublicSettlementFailure(f.TradeId, f.InstrumentId, f.Reason, f.FailedAt)
                ),
            ],
            OrderBookChanged b => [Public(messageId, CloudEventTypes.OrderBookChanged, source, b.InstrumentId, b.At, b)],
            TradingDayClosed d => [Public(messageId, CloudEventTypes.TradingDayClosed, source, d.InstrumentId, d.ClosedAt, d)],
            InstrumentHalted h => [Public(messageId, CloudEventTypes.InstrumentHalted, source, h.InstrumentId, h.HaltedAt, h)],
            InstrumentResumed r => [Public(messageId, CloudEventTypes.InstrumentResumed, source, r.InstrumentId, r.ResumedAt, r)],
            InstrumentListed l => [Public(messageId, CloudEventTypes.InstrumentListed, source, l.InstrumentId, l.ListedAt, l)],
            RetirementRecorded r => [Public(messageId, CloudEventTypes.RetirementRecorded, source, r.InstrumentId, r.RetiredAt, r)],
            CompensationPaid p => [Public(messageId, CloudEventTypes.CompensationPaid, source, p.AgreementId.ToString(), p.PaidAt, p)],
            CompensationIndicatorsSettled i =>
            [
                Public(messageId, CloudEventTypes.CompensationIndicatorsSettled, source, i.AgreementId.ToString(), i.SettledAt, i),
            ],
            OrderAccepted a =>
            [
                Private(messageId, CloudEventTypes.OrderAccepted, source, a.InstrumentId, a.AcceptedAt, a.ParticipantId, a),
            ],
            OrderRejected r =>
            [
                Private(messageId, CloudEventTypes.OrderRejected, source, r.InstrumentId, r.RejectedAt, r.ParticipantId, r),
            ],
            OrderFundingRejected r =>
            [
                Private(messageId, CloudEventTypes.OrderFundingRejected, source, r.InstrumentId, r.RejectedAt, r.ParticipantId, r),
            ],
            OrderCancelled c =>
            [
                Private(messageId, CloudEventTypes.OrderCancelled, source, c.InstrumentId, c.CancelledAt, c.ParticipantId, c),
            ],
            OrderAmended a => [Private(messageId, CloudEventTypes.OrderAmended, source, a.InstrumentId, a.AmendedAt, a.ParticipantId, a)],
            _ => [],
        };

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

/// <summary>Renders feed entries as CloudEvents 1.0, structured JSON mode, with the CloudEvents SDK.</summary>
public static class CloudEventRenderer
{
    public const string ContentType = "application/cloudevents+json";

    /// <summary>
    /// The <c>rxsequence</c> extension: the feed position as decimal digits. A CloudEvents Integer is 32 bits, which a
    /// busy feed outgrows, so the position travels as a String (as the CloudEvents sequence extension does).
    /// </summary>
    public static readonly CloudEventAttribute Sequence = CloudEventAttribute.CreateExtension(
        PublicFeed.SequenceAttribute,
        CloudEventAttributeType.String
    );

    private static readonly JsonEventFormatter Formatter = new(new JsonSerializerOptions(), new JsonDocumentOptions());

    /// <summary>The entry at feed position <paramref name="position"/> as CloudEvent JSON bytes (one line).</summary>
    public static ReadOnlyMemory<byte> Render(FeedEntry entry, long position)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [Sequence])
        {
            Id = entry.Id.ToString("D"),
            Source = new Uri($"/rightsexchange/{entry.Source}", UriKind.Relative),
            Type = entry.Type,
            Subject = entry.Subject,
            Time = entry.Time.ToDateTimeOffset(),
            DataContentType = "application/json",
            DataSchema = new Uri($"https://rightsexchange.dev/schemas/{entry.Type}.json"),
            Data = JsonSerializer.Deserialize<JsonElement>(entry.Data),
        };
        cloudEvent[Sequence] = position.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Formatter.EncodeStructuredModeMessage(cloudEvent, out _);
    }
}
