using MassTransit;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Settlement.Settlements;

namespace RightsExchange.Settlement.Compensation;

/// <summary>
/// Compensation payments through settlement, like a trade's cash leg: each payable year accounts asks for
/// (<see cref="CompensationSettlementRequested"/>) is recorded and instructed back
/// (<see cref="CompensationSettlementInstructed"/>), and the registry's answer closes it: <see cref="CompensationPaid"/>
/// settles it, <see cref="CompensationPaymentFailed"/> fails it with the reason. No fee applies. A request or an answer
/// seen before changes nothing.
/// </summary>
public sealed class CompensationSettlementConsumer(SettlementWriter writer)
    : IConsumer<MessageBatch<CompensationSettlementRequested>>,
        IConsumer<MessageBatch<CompensationPaid>>,
        IConsumer<MessageBatch<CompensationPaymentFailed>>
{
    public Task Consume(ConsumeContext<MessageBatch<CompensationSettlementRequested>> context) =>
        writer.ExecuteBatch(
            context,
            async (unit, entry) =>
            {
                var r = entry.Message;
                var settlement = await Open(unit, r.SettlementId);
                if (settlement.State is null)
                    settlement.Append(new CompensationSettlementInstructed(r.SettlementId, r.AgreementId, r.Year, r.Payments, unit.Now));
                return true;
            },
            (unit, r) => Want(unit, r.SettlementId)
        );

    public Task Consume(ConsumeContext<MessageBatch<CompensationPaid>> context) =>
        writer.ExecuteBatch(
            context,
            async (unit, entry) =>
            {
                var paid = entry.Message;
                if (paid.SettlementId is null)
                    return true;
                var settlement = await Open(unit, paid.SettlementId);
                if (settlement.State is { Status: TradeSettlement.Instructed } s)
                    settlement.Append(new CompensationSettled(paid.SettlementId, paid.AgreementId, paid.Year, s.Amount, paid.PaidAt));
                return true;
            },
            (unit, paid) => Want(unit, paid.SettlementId)
        );

    public Task Consume(ConsumeContext<MessageBatch<CompensationPaymentFailed>> context) =>
        writer.ExecuteBatch(
            context,
            async (unit, entry) =>
            {
                var failed = entry.Message;
                if (failed.SettlementId is null)
                    return true;
                var settlement = await Open(unit, failed.SettlementId);
                if (settlement.State is { Status: TradeSettlement.Instructed })
                    settlement.Append(
                        new CompensationSettlementFailed(
                            failed.SettlementId,
                            failed.AgreementId,
                            failed.Year,
                            failed.Reason,
                            failed.Detail,
                            failed.FailedAt
                        )
                    );
                return true;
            },
            (unit, failed) => Want(unit, failed.SettlementId)
        );

    private static Task<Hosting.TrackedStream<CompensationSettlement>> Open(SettlementCommit unit, string settlementId) =>
        unit.Streams.Open<CompensationSettlement>(CompensationSettlement.StreamKey(settlementId));

    private static void Want(SettlementCommit unit, string? settlementId)
    {
        if (settlementId is not null)
            unit.Streams.Want<CompensationSettlement>(CompensationSettlement.StreamKey(settlementId));
    }
}
