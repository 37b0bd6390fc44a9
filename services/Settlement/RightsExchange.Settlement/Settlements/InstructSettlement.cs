using MassTransit;
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
public sealed class TradeExecutedConsumer(SettlementWriter writer, SettlementCycles cycles) : IConsumer<TradeExecuted>
{
    public async Task Consume(ConsumeContext<TradeExecuted> context)
    {
        var plan = await cycles.PlanFor(context.Message.InstrumentId, context.Message.ExecutedAt, context.CancellationToken);
        await writer.Execute(context.MessageId!.Value, nameof(TradeExecuted), async unit =>
        {
            await Handle(unit, context.Message, plan);
            return true;
        }, context.CancellationToken, unit => unit.Streams.Want<Settlement>(Settlement.StreamKey(context.Message.TradeId)));
    }

    public static async Task Handle(SettlementUnit unit, TradeExecuted t, CyclePlan plan)
    {
        var settlement = await unit.Settlement(t.TradeId);
        if (settlement.State is not null) return;
        var instructions = Instruct(t, unit.FeeSchedule, unit.Now);
        settlement.Append(plan is { CycleDate: { } date, CutOff: { } cutOff }
            ? new SettlementScheduled(instructions, date, cutOff)
            : instructions);
    }

    /// <summary>The instructions for <paramref name="t"/> under <paramref name="fees"/>.</summary>
    public static SettlementInstructed Instruct(TradeExecuted t, FeeSchedule fees, NodaTime.Instant now)
    {
        var consideration = Money.RoundCny(t.Price * t.Quantity);
        return new SettlementInstructed(t.TradeId, t.InstrumentId, t.Unit, t.Quantity, t.Price, Money.InCny(consideration),
            t.BuyOrderId, t.BuyerId, Money.InCny(fees.BuyerFee(consideration)),
            t.SellOrderId, t.SellerId, Money.InCny(fees.SellerFee(consideration)),
            fees, t.ExecutedAt, now);
    }
}

/// <summary>
/// Records the registry's answer: <see cref="SettlementPosted"/> completes the settlement and announces
/// <see cref="TradeSettled"/>; <see cref="SettlementRefused"/> fails it and announces <see cref="SettlementFailed"/>.
/// </summary>
public sealed class SettlementOutcomeConsumer(SettlementWriter writer) : IConsumer<SettlementPosted>, IConsumer<SettlementRefused>
{
    public Task Consume(ConsumeContext<SettlementPosted> context) =>
        writer.Execute(context.MessageId!.Value, nameof(SettlementPosted), async unit =>
        {
            var settlement = await unit.Settlement(context.Message.SettlementId);
            if (settlement.State is not { Status: Settlement.Instructed, Instructions: var i }) return true;
            settlement.Append(new TradeSettled(i.SettlementId, i.InstrumentId, new Quantity(i.Quantity, i.Unit), i.Price, i.Consideration,
                i.BuyOrderId, i.BuyerId, i.SellOrderId, i.SellerId, i.BuyerFee, i.SellerFee, i.ExecutedAt, context.Message.PostedAt));
            return true;
        }, context.CancellationToken, unit => unit.Streams.Want<Settlement>(Settlement.StreamKey(context.Message.SettlementId)));

    public Task Consume(ConsumeContext<SettlementRefused> context) =>
        writer.Execute(context.MessageId!.Value, nameof(SettlementRefused), async unit =>
        {
            var settlement = await unit.Settlement(context.Message.SettlementId);
            if (settlement.State is not { Status: Settlement.Instructed, Instructions: var i }) return true;
            settlement.Append(new SettlementFailed(i.SettlementId, i.InstrumentId, i.BuyerId, i.SellerId, context.Message.Reason, context.Message.Detail, context.Message.RefusedAt));
            return true;
        }, context.CancellationToken, unit => unit.Streams.Want<Settlement>(Settlement.StreamKey(context.Message.SettlementId)));
}
