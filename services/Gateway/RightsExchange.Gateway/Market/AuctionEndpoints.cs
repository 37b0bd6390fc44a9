using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Orders;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Market;

/// <summary>Body of <c>POST /api/auctions</c>: a seller announces an auction of <paramref name="Quantity"/> units.</summary>
/// <param name="ReservePrice">CNY per unit: the lowest acceptable price.</param>
/// <param name="Format"><c>OneWayBidding</c> (单向竞价) or <c>SealedBid</c> (EEX style).</param>
/// <param name="Pricing"><c>PayAsBid</c> or <c>UniformPrice</c>.</param>
/// <param name="ClosesAt">End of the bidding window (ISO-8601 instant); the auction clears then.</param>
/// <param name="BidLot">Bids must be multiples of it (e.g. 500); default the instrument's quantity step.</param>
public sealed record AnnounceAuctionRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string ClientOrderId,
    [property: Required] string InstrumentId,
    [property: Quantity] decimal Quantity,
    [property: Price] decimal ReservePrice,
    [property: Required] AuctionFormat? Format,
    [property: Required] AuctionPricing? Pricing,
    [property: Required] Instant? ClosesAt,
    [property: Quantity] decimal? BidLot
);

/// <summary>Body of <c>POST /api/auctions/{auctionId}/bids</c>.</summary>
/// <param name="Price">CNY per unit; the bid's cash is reserved at this price plus the buyer's fee.</param>
public sealed record PlaceBidRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string ClientOrderId,
    [property: Quantity] decimal Quantity,
    [property: Price] decimal Price
);

public static class AuctionEndpoints
{
    public static void MapAuctions(this WebApplication app)
    {
        var auctions = app.MapGroup("/api/auctions")
            .WithTags("Auctions")
            .RequireAuthorization(Roles.Trader)
            .RequireRateLimiting(RateLimits.Orders);
        auctions.MapPost("", Announce).OrderAnswers();
        auctions.MapPost("/{auctionId:guid}/bids", Bid).OrderAnswers();
    }

    /// <summary>
    /// <c>POST /api/auctions</c> (trader, the seller): 201 with the auction's id (an order id); the units are reserved
    /// until the auction clears. 422 with the reason (AUCTION_TERMS, QUANTITY_STEP, INSUFFICIENT_UNITS, ...).
    /// </summary>
    private static Task<IResult> Announce(
        AnnounceAuctionRequest r,
        ClaimsPrincipal user,
        OrderSubmitter submitter,
        IClock clock,
        CancellationToken ct
    )
    {
        var participantId = user.ParticipantId()!;
        return submitter.Submit(
            PlaceOrder.AuctionOffer(
                r.ClientOrderId,
                participantId,
                r.InstrumentId,
                r.Quantity,
                r.ReservePrice,
                new AuctionTerms(r.Format!.Value, r.Pricing!.Value, r.ClosesAt!.Value, r.BidLot),
                clock.GetCurrentInstant()
            ),
            ct
        );
    }

    /// <summary>
    /// <c>POST /api/auctions/{auctionId}/bids</c> (trader): 201 with the bid's order id; withdraw it before the close
    /// with <c>DELETE /api/orders/{id}</c>. 404 for an unknown auction; 422 with the reason (AUCTION_CLOSED,
    /// BID_BELOW_RESERVE, AUCTION_BID_LOT, INSUFFICIENT_CASH, ...).
    /// </summary>
    private static async Task<IResult> Bid(
        Guid auctionId,
        PlaceBidRequest r,
        ClaimsPrincipal user,
        IRequestClient<GetOrder> orders,
        OrderSubmitter submitter,
        IClock clock,
        CancellationToken ct
    )
    {
        var response = await orders.GetResponse<OrderView, OrderNotFound>(new GetOrder(auctionId), ct);
        if (!response.Is(out Response<OrderView>? found) || found!.Message.Type != OrderType.AuctionOffer)
            return Problem.NotFound(ReasonCodes.AuctionNotFound, "No such auction", $"No auction {auctionId}.");
        var participantId = user.ParticipantId()!;
        return await submitter.Submit(
            PlaceOrder.AuctionBid(
                r.ClientOrderId,
                participantId,
                found.Message.InstrumentId,
                auctionId,
                r.Quantity,
                r.Price,
                clock.GetCurrentInstant()
            ),
            ct
        );
    }
}
