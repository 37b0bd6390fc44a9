using Marten;
using MassTransit;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Trading.V1;

namespace RightsExchange.Matching.Market;

/// <summary>
/// Answers <see cref="GetTradeTape"/> and <see cref="GetDailyStatistics"/> from the engine journals as committed (any
/// matching instance can, whichever runs the book). The limits are clamped to 1..1,000 trades and 1..366 days.
/// </summary>
public sealed class MarketHistoryConsumer(IQuerySession session) : IConsumer<GetTradeTape>, IConsumer<GetDailyStatistics>
{
    public async Task Consume(ConsumeContext<GetTradeTape> context)
    {
        var (instrumentId, limit) = (context.Message.InstrumentId, Math.Clamp(context.Message.Limit, 1, 1_000));
        // Trade ids are "{instrument}-{sequence:D8}", so their order is the book's trade order.
        var trades = await session
            .Events.QueryRawEventDataOnly<TradeExecuted>()
            .Where(t => t.InstrumentId == instrumentId)
            .OrderByDescending(t => t.TradeId)
            .Take(limit)
            .ToListAsync(context.CancellationToken);
        await context.RespondAsync(
            new TradeTape(
                instrumentId,
                [.. trades.Select(t => new TapeEntry(t.TradeId, t.Price, t.Quantity, t.Unit, t.Kind, t.AggressorSide, t.ExecutedAt))]
            )
        );
    }

    public async Task Consume(ConsumeContext<GetDailyStatistics> context)
    {
        var (instrumentId, days) = (context.Message.InstrumentId, Math.Clamp(context.Message.Days, 1, 366));
        var closed = await session
            .Events.QueryRawEventDataOnly<TradingDayClosed>()
            .Where(d => d.InstrumentId == instrumentId)
            .OrderByDescending(d => d.ClosedAt)
            .Take(days)
            .ToListAsync(context.CancellationToken);
        await context.RespondAsync(new DailyStatistics(instrumentId, closed));
    }
}
