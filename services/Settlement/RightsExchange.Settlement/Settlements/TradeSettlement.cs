using NodaTime;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Settlement.Settlements;

/// <summary>Event (settlement): a scheduled settlement was instructed in net cycle <paramref name="CycleId"/>.</summary>
public sealed record SettlementNetted(string SettlementId, string CycleId, Instant InstructedAt);

/// <summary>
/// One trade's settlement (stream <c>settlement:{tradeId}</c>), each transition an event: Instructed, then Settled or
/// Failed (real-time gross); or Scheduled, Instructed in its net cycle, then Settled or Failed (end-of-day net).
/// </summary>
/// <param name="CutOff">End-of-day net only: the cut-off of the cycle that settles it.</param>
/// <param name="CycleId">End-of-day net only: the cycle that instructed it.</param>
public sealed record TradeSettlement(
    string Id,
    SettlementInstructed Instructions,
    string Status,
    string? FailureReason,
    Instant? SettledAt,
    Instant? FailedAt = null,
    string Cycle = SettlementCycle.RealTimeGross,
    Instant? CutOff = null,
    string? CycleId = null
) : IFold<TradeSettlement>
{
    public static string StreamPrefix => "settlement:";

    public const string Scheduled = "Scheduled";
    public const string Instructed = "Instructed";
    public const string Settled = "Settled";
    public const string Failed = "Failed";

    public static string StreamKey(string tradeId) => StreamPrefix + tradeId;

    public string InstrumentId => Instructions.InstrumentId;
    public Instant ExecutedAt => Instructions.ExecutedAt;

    /// <summary>Folds one event. Throws <see cref="InvalidOperationException"/> for an event out of place.</summary>
    public static TradeSettlement? Fold(TradeSettlement? state, string streamKey, object @event) =>
        @event switch
        {
            SettlementInstructed e => new TradeSettlement(streamKey, e, Instructed, null, null),
            SettlementScheduled e => new TradeSettlement(
                streamKey,
                e.Instructions,
                Scheduled,
                null,
                null,
                Cycle: SettlementCycle.EndOfDayNet,
                CutOff: e.CutOff
            ),
            SettlementNetted e when state is { Status: Scheduled } => state with
            {
                Status = Instructed,
                CycleId = e.CycleId,
                Instructions = state.Instructions with { InstructedAt = e.InstructedAt },
            },
            TradeSettled e when state is not null => state with { Status = Settled, SettledAt = e.SettledAt },
            SettlementFailed e when state is not null => state with { Status = Failed, FailureReason = e.Reason, FailedAt = e.FailedAt },
            _ => throw new InvalidOperationException(
                $"{@event.GetType().Name} does not apply to settlement {streamKey} in state {state?.Status ?? "none"}"
            ),
        };

    public TradeSettlementView ToView()
    {
        var i = Instructions;
        return new TradeSettlementView(
            i.SettlementId,
            i.InstrumentId,
            i.Unit,
            i.Quantity,
            i.Price,
            i.Consideration.Amount,
            i.BuyerId,
            i.SellerId,
            i.BuyerFee.Amount,
            i.SellerFee.Amount,
            i.FeeSchedule.Name,
            Status,
            FailureReason,
            i.ExecutedAt,
            SettledAt
        );
    }
}
