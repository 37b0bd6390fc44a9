using NodaTime;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Settlement.Settlements;

/// <summary>
/// One trade's settlement (stream <c>settlement:{tradeId}</c>): Instructed, then Settled or Failed, each transition an event.
/// </summary>
public sealed record Settlement(string Id, SettlementInstructed Instructions, string Status, string? FailureReason, Instant? SettledAt, Instant? FailedAt = null)
    : IFold<Settlement>
{
    public static string StreamPrefix => "settlement:";

    public const string Instructed = "Instructed";
    public const string Settled = "Settled";
    public const string Failed = "Failed";

    public static string StreamKey(string tradeId) => StreamPrefix + tradeId;

    public string InstrumentId => Instructions.InstrumentId;
    public Instant ExecutedAt => Instructions.ExecutedAt;

    /// <summary>Folds one event. Throws <see cref="InvalidOperationException"/> for an event out of place.</summary>
    public static Settlement? Fold(Settlement? state, string streamKey, object @event) => @event switch
    {
        SettlementInstructed e => new Settlement(streamKey, e, Instructed, null, null),
        TradeSettled e when state is not null => state with { Status = Settled, SettledAt = e.SettledAt },
        SettlementFailed e when state is not null => state with { Status = Failed, FailureReason = e.Reason, FailedAt = e.FailedAt },
        _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to settlement {streamKey} in state {state?.Status ?? "none"}"),
    };

    public TradeSettlementView ToView()
    {
        var i = Instructions;
        return new TradeSettlementView(i.SettlementId, i.InstrumentId, i.Unit, i.Quantity, i.Price, i.Consideration.Amount, i.BuyerId, i.SellerId,
            i.BuyerFee.Amount, i.SellerFee.Amount, i.FeeSchedule.Name, Status, FailureReason, i.ExecutedAt, SettledAt);
    }
}
