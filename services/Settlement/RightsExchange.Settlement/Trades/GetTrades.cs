using Marten;
using MassTransit;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Settlement.Settlements;

namespace RightsExchange.Settlement.Trades;

/// <summary>Answers <see cref="GetTrades"/>: every trade of the instrument with its settlement state, oldest first.</summary>
public sealed class GetTradesConsumer(IQuerySession session) : IConsumer<GetTrades>
{
    public async Task Consume(ConsumeContext<GetTrades> context)
    {
        var instrumentId = context.Message.InstrumentId;
        var settlements = await session
            .Query<TradeSettlement>()
            .Where(s => s.Instructions.InstrumentId == instrumentId)
            .ToListAsync(context.CancellationToken);
        var trades = settlements
            .OrderBy(s => s.ExecutedAt)
            .ThenBy(s => s.Instructions.SettlementId, StringComparer.Ordinal)
            .Select(s => s.ToView())
            .ToList();
        await context.RespondAsync(new TradeList(instrumentId, trades));
    }
}
