using MassTransit;
using RightsExchange.Contracts.Settlement.V1;

namespace RightsExchange.Gateway.Trades;

public static class TradeEndpoints
{
    /// <summary>
    /// <c>GET /api/instruments/{instrumentId}/trades</c>: every trade of the instrument, oldest first, with price (CNY per
    /// unit), quantity (instrument's unit), fees and settlement state (Instructed, Settled, Failed). Public market data
    /// for any authenticated caller; an unknown instrument has no trades.
    /// </summary>
    public static void MapTrades(this WebApplication app) =>
        app.MapGet(
                "/api/instruments/{instrumentId}/trades",
                async (string instrumentId, IRequestClient<GetTrades> client, CancellationToken ct) =>
                    Results.Ok((await client.GetResponse<TradeList>(new GetTrades(instrumentId), ct)).Message)
            )
            .WithTags("Market data")
            .Produces<TradeList>()
            .RequireAuthorization("any");
}
