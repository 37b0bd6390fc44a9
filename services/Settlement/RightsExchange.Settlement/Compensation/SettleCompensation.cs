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
            async (commit, entry) =>
            {
                var r = entry.Message;
                var settlement = await Open(commit, r.SettlementId);
                if (settlement.State is null)
                    settlement.Append(new CompensationSettlementInstructed(r.SettlementId, r.AgreementId, r.Year, r.Payments, commit.Now));
                return true;
            },
            (commit, r) => Want(commit, r.SettlementId)
        );

    public Task Consume(ConsumeContext<MessageBatch<CompensationPaid>> context) =>
        writer.ExecuteBatch(
            context,
            async (commit, entry) =>
            {
                var paid = entry.Message;
                if (paid.SettlementId is null)
                    return true;
                var settlement = await Open(commit, paid.SettlementId);
                if (settlement.State is { Status: TradeSettlement.Instructed } s)
                    settlement.Append(new CompensationSettled(paid.SettlementId, paid.AgreementId, paid.Year, s.Amount, paid.PaidAt));
                return true;
            },
            (commit, paid) => Want(commit, paid.SettlementId)
        );

    public Task Consume(ConsumeContext<MessageBatch<CompensationPaymentFailed>> context) =>
        writer.ExecuteBatch(
            context,
            async (commit, entry) =>
            {
                var failed = entry.Message;
                if (failed.SettlementId is null)
                    return true;
                var settlement = await Open(commit, failed.SettlementId);
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
            (commit, failed) => Want(commit, failed.SettlementId)
        );

    private static Task<Hosting.TrackedStream<CompensationSettlement>> Open(SettlementCommit commit, string settlementId) =>
        commit.Streams.Open<CompensationSettlement>(CompensationSettlement.StreamKey(settlementId));

    private static void Want(SettlementCommit commit, string? settlementId)
    {
        if (settlementId is not null)
            commit.Streams.Want<CompensationSettlement>(CompensationSettlement.StreamKey(settlementId));
    }
}
