using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Market;

/// <summary>Body of <c>POST /api/instruments/{id}/halt</c>.</summary>
public sealed record HaltRequest([property: Required, StringLength(500, MinimumLength = 1)] string Reason);

public static class MarketEndpoints
{
    public static void MapMarket(this WebApplication app)
    {
        var market = app.MapGroup("/api/instruments/{instrumentId}").WithTags("Market data");
        market.MapGet("/market", Get).RequireAuthorization("any").Produces<MarketView>();
        market.MapGet("/tape", Tape).RequireAuthorization("any").Produces<TradeTape>();
        market.MapGet("/days", Days).RequireAuthorization("any").Produces<DailyStatistics>();
        market.MapPost("/halt", Halt).RequireAuthorization(Roles.Regulator).Produces<MarketCommandAccepted>();
        market.MapPost("/resume", Resume).RequireAuthorization(Roles.Regulator).Produces<MarketCommandAccepted>();
    }

    /// <summary>
    /// <c>GET /api/instruments/{id}/market</c> (any authenticated caller): phase (PreOpen, Continuous, Break, Closed,
    /// Halted), trading date, reference price and today's price limits (CNY per unit), best bid and ask, the day's volume,
    /// open auctions and block proposals. 404 for an instrument with no book.
    /// </summary>
    private static async Task<IResult> Get(string instrumentId, IRequestClient<GetMarket> client, CancellationToken ct)
    {
        var response = await client.GetResponse<MarketView, MarketNotFound>(new GetMarket(instrumentId), ct);
        return response.Is(out Response<MarketView>? view)
            ? Results.Ok(view!.Message)
            : Problem.NotFound(ReasonCodes.InstrumentUnknown, "No such market", $"No book is open for '{instrumentId}'.");
    }

    /// <summary>
    /// <c>GET /api/instruments/{id}/tape?limit=100</c> (any authenticated caller): the public trade tape, newest first:
    /// trade id, price (CNY per unit), quantity and unit, kind (Continuous, Block, Auction), aggressor side, instant.
    /// 400 when <paramref name="limit"/> is outside 1..1,000.
    /// </summary>
    private static async Task<IResult> Tape(string instrumentId, IRequestClient<GetTradeTape> client, CancellationToken ct, int limit = 100)
    {
        if (limit is < 1 or > 1_000)
            return Problem.Of(ReasonCodes.LimitOutOfRange, "Bad limit", "limit must be between 1 and 1000.");
        var response = await client.GetResponse<TradeTape>(new GetTradeTape(instrumentId, limit), ct);
        return Results.Ok(response.Message);
    }

    /// <summary>
    /// <c>GET /api/instruments/{id}/days?days=30</c> (any authenticated caller): daily open, high, low, close (by the
    /// instrument's close rule), volume, turnover and trade count of listing trades, block and auction volume, newest
    /// first; the current day is in <c>/market</c>. 400 when <paramref name="days"/> is outside 1..366.
    /// </summary>
    private static async Task<IResult> Days(
        string instrumentId,
        IRequestClient<GetDailyStatistics> client,
        CancellationToken ct,
        int days = 30
    )
    {
        if (days is < 1 or > 366)
            return Problem.Of(ReasonCodes.DaysOutOfRange, "Bad day count", "days must be between 1 and 366.");
        var response = await client.GetResponse<DailyStatistics>(new GetDailyStatistics(instrumentId, days), ct);
        return Results.Ok(response.Message);
    }

    /// <summary><c>POST /api/instruments/{id}/halt</c> (regulator): 200 with the phase; 404 unknown; 409 ALREADY_HALTED.</summary>
    private static Task<IResult> Halt(
        string instrumentId,
        HaltRequest r,
        ClaimsPrincipal user,
        IRequestClient<HaltInstrument> client,
        IClock clock,
        CancellationToken ct
    ) => Send(client, new HaltInstrument(instrumentId, r.Reason, user.Actor(), clock.GetCurrentInstant()), ct);

    /// <summary><c>POST /api/instruments/{id}/resume</c> (regulator): 200 with the phase; 404 unknown; 409 NOT_HALTED.</summary>
    private static Task<IResult> Resume(
        string instrumentId,
        ClaimsPrincipal user,
        IRequestClient<ResumeInstrument> client,
        IClock clock,
        CancellationToken ct
    ) => Send(client, new ResumeInstrument(instrumentId, user.Actor(), clock.GetCurrentInstant()), ct);

    private static async Task<IResult> Send<T>(IRequestClient<T> client, T command, CancellationToken ct)
        where T : class
    {
        var response = await client.GetResponse<MarketCommandAccepted, MarketCommandRejected>(command, ct);
        if (response.Is(out Response<MarketCommandAccepted>? ok))
            return Results.Ok(ok!.Message);
        response.Is(out Response<MarketCommandRejected>? rejected);
        var refused = rejected!.Message;
        // The instrument is the path's resource: an unknown one is 404 here, where a command naming it is refused 422.
        return refused.Reason == ReasonCodes.InstrumentUnknown
            ? Problem.NotFound(refused.Reason, "The market command was refused", refused.Detail)
            : Problem.Of(refused.Reason, "The market command was refused", refused.Detail);
    }
}
