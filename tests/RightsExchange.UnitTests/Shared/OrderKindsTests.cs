using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.UnitTests.Shared;

/// <summary>Each kind of order is built with the fields it uses and no other (<see cref="PlaceOrder"/>'s factories).</summary>
public sealed class OrderKindsTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 24, 2, 0);

    [Fact]
    public void A_continuous_order_is_limit_or_market_and_names_no_counterparty_reference_or_auction()
    {
        var order = PlaceOrder.Continuous(
            "c1",
            "buyer",
            "CEA-2024",
            Side.Buy,
            10m,
            97m,
            OrderType.Market,
            TimeInForce.ImmediateOrCancel,
            At
        );

        Assert.Equal(OrderIds.For("buyer", "c1"), order.OrderId);
        Assert.Equal((OrderType.Market, TimeInForce.ImmediateOrCancel), (order.Type, order.TimeInForce));
        Assert.Equal((null, null, null), (order.Counterparty, order.ReferenceOrderId, order.Auction));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PlaceOrder.Continuous("c2", "buyer", "CEA-2024", Side.Buy, 10m, 97m, OrderType.Block, TimeInForce.Day, At)
        );
    }

    [Fact]
    public void A_block_acceptance_takes_the_other_side_of_the_proposal_at_its_quantity_and_price()
    {
        var proposal = PlaceOrder.BlockProposal("b1", "seller", "CEA-2024", Side.Sell, 100_000m, 97.5m, "buyer", At);
        var view = new OrderView(
            proposal.OrderId,
            "b1",
            "seller",
            "CEA-2024",
            Side.Sell,
            100_000m,
            97.5m,
            0m,
            100_000m,
            "Open",
            null,
            [],
            At,
            OrderType.Block,
            TimeInForce.Day,
            "buyer"
        );

        var acceptance = PlaceOrder.BlockAcceptance("a1", "buyer", view, At);

        Assert.Equal(
            (OrderType.Block, TimeInForce.Day, "buyer", null),
            (proposal.Type, proposal.TimeInForce, proposal.Counterparty, proposal.ReferenceOrderId)
        );
        Assert.Equal(OrderIds.For("buyer", "a1"), acceptance.OrderId);
        Assert.Equal(("CEA-2024", OrderType.Block, TimeInForce.Day), (acceptance.InstrumentId, acceptance.Type, acceptance.TimeInForce));
        Assert.Equal((Side.Buy, 100_000m, 97.5m), (acceptance.Side, acceptance.Quantity, acceptance.LimitPrice));
        Assert.Equal(("seller", (Guid?)proposal.OrderId), (acceptance.Counterparty, acceptance.ReferenceOrderId));
    }

    [Fact]
    public void An_auction_is_offered_by_its_seller_with_its_terms_and_bid_for_by_buyers_naming_it()
    {
        var terms = new AuctionTerms(AuctionFormat.SealedBid, AuctionPricing.UniformPrice, At.Plus(Duration.FromHours(1)));
        var offer = PlaceOrder.AuctionOffer("o1", "seller", "CEA-2024", 5_000m, 90m, terms, At);
        var bid = PlaceOrder.AuctionBid("bid1", "buyer", "CEA-2024", offer.OrderId, 500m, 92m, At);

        Assert.Equal(
            (Side.Sell, OrderType.AuctionOffer, TimeInForce.GoodTillCancelled, terms),
            (offer.Side, offer.Type, offer.TimeInForce, offer.Auction)
        );
        Assert.Null(offer.ReferenceOrderId);
        Assert.Equal((Side.Buy, OrderType.AuctionBid, (Guid?)offer.OrderId), (bid.Side, bid.Type, bid.ReferenceOrderId));
        Assert.Equal((null, null), (bid.Counterparty, bid.Auction));
    }
}
