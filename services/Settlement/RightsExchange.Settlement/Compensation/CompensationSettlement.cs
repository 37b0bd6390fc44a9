using NodaTime;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Hosting;
using RightsExchange.Settlement.Settlements;

namespace RightsExchange.Settlement.Compensation;

/// <summary>
/// The settlement of one assessed year's compensation payments (stream <c>compensation-settlement:{settlementId}</c>),
/// each transition an event: Instructed, then Settled or Failed with the registry's reason.
/// </summary>
public sealed record CompensationSettlement(
    string Id,
    CompensationSettlementInstructed Instructions,
    string Status,
    string? FailureReason,
    Instant? FinalAt
) : IFold<CompensationSettlement>
{
    public static string StreamPrefix => "compensation-settlement:";

    public static string StreamKey(string settlementId) => StreamPrefix + settlementId;

    /// <summary>CNY the instructions move, all payments together.</summary>
    public decimal Amount => Instructions.Payments.Sum(p => p.Amount);

    /// <summary>Folds one event. Throws <see cref="InvalidOperationException"/> for an event out of place.</summary>
    public static CompensationSettlement? Fold(CompensationSettlement? state, string streamKey, object @event) =>
        @event switch
        {
            CompensationSettlementInstructed e when state is null => new CompensationSettlement(
                streamKey,
                e,
                TradeSettlement.Instructed,
                null,
                null
            ),
            CompensationSettled e when state is { Status: TradeSettlement.Instructed } => state with
            {
                Status = TradeSettlement.Settled,
                FinalAt = e.SettledAt,
            },
            CompensationSettlementFailed e when state is { Status: TradeSettlement.Instructed } => state with
            {
                Status = TradeSettlement.Failed,
                FailureReason = $"{e.Reason}: {e.Detail}",
                FinalAt = e.FailedAt,
            },
            _ => throw new InvalidOperationException(
                $"{@event.GetType().Name} does not apply to {streamKey} in state {state?.Status ?? "none"}"
            ),
        };
}
