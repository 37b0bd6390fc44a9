using MassTransit;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Settlement.Cycles;

namespace RightsExchange.Settlement.Settlements;

/// <summary>
/// Turns each executed trade into one settlement: consideration = price × quantity rounded half up to 0.01 CNY, each
/// side's fee from the fee schedule in force (basis points with a minimum per trade), which the instructions record.
/// Real-time gross (T+0) instructs at once; end-of-day net schedules it for its cycle (<see cref="SettlementCycles"/>).
/// A trade seen before (redelivered or republished) instructs nothing more.
/// </summary>
public sealed class TradeExecutedConsumer(SettlementWriter writer, SettlementCycles cycles) : IConsumer<MessageBatch<TradeExecuted>>
{
    public async Task Consume(ConsumeContext<MessageBatch<TradeExecuted>> context)
    {
        var plans = new Dictionary<Guid, CyclePlan>();
        foreach (var entry in context.Message.Entries)
            plans[entry.MessageId] = await cycles.PlanFor(entry.Message.InstrumentId, entry.Message.ExecutedAt, context.CancellationToken);
        await writer.ExecuteBatch(
            context,
            async (commit, entry) =>
            {
                await Handle(commit, entry.Message, plans[entry.MessageId]);
                return true;
            },
            (commit, t) => commit.Streams.Want<TradeSettlement>(TradeSettlement.StreamKey(t.TradeId))
        );
    }

    public static async Task Handle(SettlementCommit commit, TradeExecuted t, CyclePlan plan)
    {
        var settlement = await commit.Settlement(t.TradeId);
        if (settlement.State is not null)
            return;
        var instructions = Instruct(t, commit.FeeSchedule, commit.Now);
        settlement.Append(
            plan is { CycleDate: { } date, CutOff: { } cutOff } ? new SettlementScheduled(instructions, date, cutOff) : instructions
        );
    }

    /// <summary>The instructions for <paramref name="t"/> under <paramref name="fees"/>.</summary>
    public static SettlementInstructed Instruct(TradeExecuted t, FeeSchedule fees, NodaTime.Instant now)
    {
        var consideration = Money.RoundCny(t.Price * t.Quantity);
        return new SettlementInstructed(
            t.TradeId,
            t.InstrumentId,
            t.Unit,
            t.Quantity,
            t.Price,
            Money.InCny(consideration),
            t.BuyOrderId,
            t.BuyerId,
            Money.InCny(fees.BuyerFee(consideration)),
            t.SellOrderId,
            t.SellerId,
            Money.InCny(fees.SellerFee(consideration)),
            fees,
            t.ExecutedAt,
            now
        );
    }
}

/// <summary>
/// Records the registry's answer: <see cref="SettlementPosted"/> completes the settlement and announces
/// <see cref="TradeSettled"/>; <see cref="SettlementRefused"/> fails it and announces <see cref="SettlementFailed"/>.
/// </summary>
public sealed class SettlementOutcomeConsumer(SettlementWriter writer)
    : IConsumer<MessageBatch<SettlementPosted>>,
        IConsumer<MessageBatch<SettlementRefused>>
{
    public Task Consume(ConsumeContext<MessageBatch<SettlementPosted>> context) =>
        writer.ExecuteBatch(
            context,
            async (commit, entry) =>
            {
                var settlement = await commit.Settlement(entry.Message.SettlementId);
                if (settlement.State is not { Status: TradeSettlement.Instructed, Instructions: var i })
                    return true;
                settlement.Append(
                    new TradeSettled(
                        i.SettlementId,
                        i.InstrumentId,
                        new Quantity(i.Quantity, i.Unit),
                        i.Price,
                        i.Consideration,
                        i.BuyOrderId,
                        i.BuyerId,
                        i.SellOrderId,
                        i.SellerId,
                        i.BuyerFee,
                        i.SellerFee,
                        i.ExecutedAt,
                        entry.Message.PostedAt
                    )
                );
                return true;
            },
            (commit, posted) => commit.Streams.Want<TradeSettlement>(TradeSettlement.StreamKey(posted.SettlementId))
        );

    public Task Consume(ConsumeContext<MessageBatch<SettlementRefused>> context) =>
        writer.ExecuteBatch(
            context,
            async (commit, entry) =>
            {
                var refused = entry.Message;
                var settlement = await commit.Settlement(refused.SettlementId);
                if (settlement.State is not { Status: TradeSettlement.Instructed, Instructions: var i })
                    return true;
                settlement.Append(
                    new SettlementFailed(
                        i.SettlementId,
                        i.InstrumentId,
                        i.BuyerId,
                        i.SellerId,
                        refused.Reason,
                        refused.Detail,
                        refused.RefusedAt
                    )
                );
                return true;
            },
            (commit, refused) => commit.Streams.Want<TradeSettlement>(TradeSettlement.StreamKey(refused.SettlementId))
        );
}
