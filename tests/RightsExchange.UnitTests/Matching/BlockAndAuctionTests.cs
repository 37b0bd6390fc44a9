using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Matching.Engine;

namespace RightsExchange.UnitTests.Matching;

public class BlockTradeTests
{
    // Tuesday 2026-11-24, 14:00 Asia/Shanghai: inside the block session.
    private static readonly Instant Afternoon = Instant.FromUtc(2026, 11, 24, 6, 0);
    private static readonly TradingRules National = new()
    {
        PriceLimitPercent = 10,
        BlockPriceLimitPercent = 30,
        BlockMinimumQuantity = 100_000,
        MaximumQuantity = 99_999,
    };

    private static OrderBook Book() => new(new BookOpened("CEA-2024", "tCO2e", 1m, "test", National, 97.5m, Afternoon));

    private static OrderFunded Block(
        string who,
        Side side,
        decimal quantity,
        decimal price,
        string? counterparty = null,
        Guid? accepts = null
    ) =>
        new(
            Guid.NewGuid(),
            "c",
            who,
            "CEA-2024",
            side,
            quantity,
            price,
            0m,
            Afternoon,
            Afternoon,
            OrderType.Block,
            TimeInForce.Day,
            counterparty,
            accepts
        );

    [Fact]
    public void The_named_counterparty_accepts_and_the_block_trades_at_the_agreed_price()
    {
        var book = Book();
        var proposal = Block("shunchang", Side.Sell, 155_500, 120m, "buyer");
        var proposed = book.Apply(new OrderReceived(proposal, Afternoon));
        Assert.IsType<BlockTradeProposed>(proposed[1]);

        var outputs = book.Apply(new OrderReceived(Block("buyer", Side.Buy, 155_500, 120m, "shunchang", proposal.OrderId), Afternoon));

        var trade = Assert.IsType<TradeExecuted>(outputs[1]);
        Assert.Equal(
            (TradeKind.Block, 155_500m, 120m, "shunchang", "buyer"),
            (trade.Kind, trade.Quantity, trade.Price, trade.SellerId, trade.BuyerId)
        );
    }

    [Theory]
    [InlineData(99_999, 97.5, "BLOCK_BELOW_MINIMUM")]
    [InlineData(100_000, 126.76, "PRICE_OUTSIDE_BLOCK_LIMITS")]
    [InlineData(100_000, 68.24, "PRICE_OUTSIDE_BLOCK_LIMITS")]
    public void Block_proposals_obey_the_block_size_and_the_thirty_percent_limits(decimal quantity, decimal price, string reason) =>
        Assert.Equal(
            reason,
            Assert.IsType<OrderRejected>(Book().Apply(new OrderReceived(Block("a", Side.Sell, quantity, price, "b"), Afternoon))[0]).Reason
        );

    [Fact]
    public void Block_trades_are_refused_outside_the_block_session() =>
        Assert.Equal(
            "OUTSIDE_BLOCK_SESSION",
            Assert
                .IsType<OrderRejected>(
                    Book().Apply(new OrderReceived(Block("a", Side.Sell, 100_000, 97.5m, "b"), Afternoon - Duration.FromHours(4)))[0]
                )
                .Reason
        );

    [Fact]
    public void Only_the_counterparty_may_accept_and_only_on_the_proposed_terms()
    {
        var book = Book();
        var proposal = Block("a", Side.Sell, 100_000, 97.5m, "b");
        book.Apply(new OrderReceived(proposal, Afternoon));

        Assert.Equal(
            "NOT_BLOCK_COUNTERPARTY",
            Assert
                .IsType<OrderRejected>(
                    book.Apply(new OrderReceived(Block("c", Side.Buy, 100_000, 97.5m, "a", proposal.OrderId), Afternoon))[0]
                )
                .Reason
        );
        Assert.Equal(
            "BLOCK_TERMS_MISMATCH",
            Assert
                .IsType<OrderRejected>(
                    book.Apply(new OrderReceived(Block("b", Side.Buy, 100_000, 97.4m, "a", proposal.OrderId), Afternoon))[0]
                )
                .Reason
        );
    }

    [Fact]
    public void A_declined_proposal_is_cancelled_for_the_proposer()
    {
        var book = Book();
        var proposal = Block("a", Side.Sell, 100_000, 97.5m, "b");
        book.Apply(new OrderReceived(proposal, Afternoon));

        var outputs = book.Apply(new BlockDeclineReceived(new DeclineBlockTrade(proposal.OrderId, "CEA-2024", "b", Afternoon), Afternoon));

        var cancelled = Assert.IsType<OrderCancelled>(Assert.Single(outputs));
        Assert.Equal((proposal.OrderId, "BLOCK_DECLINED", 100_000m), (cancelled.OrderId, cancelled.Reason, cancelled.CancelledQuantity));
    }
}

public class AuctionTests
{
    private static readonly Instant Opening = Instant.FromUtc(2026, 11, 24, 2, 0);
    private static readonly Instant Closing = Opening + Duration.FromHours(1);

    private static OrderBook Book() =>
        new(
            new BookOpened(
                "SO2-2026",
                "t/yr",
                0.001m,
                "test",
                new TradingRules { Calendar = new TradingCalendar { AlwaysOpen = true } },
                null,
                Opening
            )
        );

    private static OrderFunded Offer(
        decimal quantity,
        decimal reserve,
        AuctionFormat format,
        AuctionPricing pricing,
        decimal? lot = null
    ) =>
        new(
            Guid.NewGuid(),
            "c",
            "reserve-bank",
            "SO2-2026",
            Side.Sell,
            quantity,
            reserve,
            0m,
            Opening,
            Opening,
            OrderType.AuctionOffer,
            TimeInForce.GoodTillCancelled,
            null,
            null,
            new AuctionTerms(format, pricing, Closing, lot)
        );

    private static OrderFunded BidIn(OrderFunded auction, string who, decimal quantity, decimal price) =>
        new(
            Guid.NewGuid(),
            "c",
            who,
            "SO2-2026",
            Side.Buy,
            quantity,
            price,
            0m,
            Opening,
            Opening,
            OrderType.AuctionBid,
            TimeInForce.GoodTillCancelled,
            null,
            auction.OrderId
        );

    [Fact]
    public void One_way_bidding_allocates_by_price_then_time_and_pays_as_bid()
    {
        var book = Book();
        var offer = Offer(100, 10m, AuctionFormat.OneWayBidding, AuctionPricing.PayAsBid);
        Assert.IsType<AuctionAnnounced>(book.Apply(new OrderReceived(offer, Opening))[1]);
        var early = BidIn(offer, "early", 60, 12m);
        var late = BidIn(offer, "late", 60, 12m);
        var best = BidIn(offer, "best", 30, 15m);
        foreach (var bid in new[] { early, late, best })
            book.Apply(new OrderReceived(bid, Opening));

        var outputs = book.Apply(new ClockTicked(Closing));

        var cleared = Assert.IsType<AuctionCleared>(outputs[0]);
        Assert.Equal((100m, 12m), (cleared.AllocatedQuantity, cleared.ClearingPrice));
        Assert.Equal(
            [("best", 30m, 15m), ("early", 60m, 12m), ("late", 10m, 12m)],
            outputs.OfType<TradeExecuted>().Select(t => (t.BuyerId, t.Quantity, t.Price))
        );
        var unfilled = Assert.IsType<OrderCancelled>(Assert.Single(outputs.OfType<OrderCancelled>()));
        Assert.Equal((late.OrderId, 50m, "AUCTION_UNFILLED"), (unfilled.OrderId, unfilled.CancelledQuantity, unfilled.Reason));
    }

    [Fact]
    public void One_way_bids_below_the_reserve_and_after_the_close_are_refused()
    {
        var book = Book();
        var offer = Offer(100, 10m, AuctionFormat.OneWayBidding, AuctionPricing.UniformPrice);
        book.Apply(new OrderReceived(offer, Opening));

        Assert.Equal(
            "BID_BELOW_RESERVE",
            Assert.IsType<OrderRejected>(book.Apply(new OrderReceived(BidIn(offer, "x", 10, 9.99m), Opening))[0]).Reason
        );
        var late = book.Apply(new OrderReceived(BidIn(offer, "y", 10, 11m), Closing));
        Assert.Equal("AUCTION_CLOSED", Assert.IsType<OrderRejected>(late[^1]).Reason);
    }

    [Fact]
    public void A_sealed_bid_auction_clears_at_one_price_and_draws_ties_reproducibly()
    {
        var offer = Offer(1_000, 50m, AuctionFormat.SealedBid, AuctionPricing.UniformPrice, lot: 500);
        OrderFunded[] bids =
        [
            BidIn(offer, "high", 500, 60m),
            BidIn(offer, "tie-1", 500, 55m),
            BidIn(offer, "tie-2", 500, 55m),
            BidIn(offer, "low", 500, 51m),
        ];
        List<object> Run()
        {
            var book = Book();
            book.Apply(new OrderReceived(offer, Opening));
            foreach (var bid in bids)
                book.Apply(new OrderReceived(bid, Opening));
            return [.. book.Apply(new ClockTicked(Closing))];
        }

        var outputs = Run();

        var cleared = Assert.IsType<AuctionCleared>(outputs[0]);
        Assert.Equal(55m, cleared.ClearingPrice);
        var trades = outputs.OfType<TradeExecuted>().ToList();
        Assert.All(trades, t => Assert.Equal(55m, t.Price));
        Assert.Equal("high", trades[0].BuyerId);
        Assert.Contains(trades[1].BuyerId, new[] { "tie-1", "tie-2" });
        Assert.Equal(outputs, Run());
    }

    [Theory]
    [InlineData(500, 60, "BIDS_BELOW_VOLUME")]
    [InlineData(1000, 40, "CLEARING_BELOW_RESERVE")]
    public void A_sealed_bid_auction_is_cancelled_short_of_volume_or_below_the_reserve(decimal bidQuantity, decimal bidPrice, string reason)
    {
        var book = Book();
        var offer = Offer(1_000, 50m, AuctionFormat.SealedBid, AuctionPricing.UniformPrice, lot: 500);
        book.Apply(new OrderReceived(offer, Opening));
        book.Apply(new OrderReceived(BidIn(offer, "bidder", bidQuantity, bidPrice), Opening));

        var outputs = book.Apply(new ClockTicked(Closing));

        Assert.Equal(reason, Assert.IsType<AuctionCancelled>(outputs[0]).Reason);
        Assert.Equal(2, outputs.OfType<OrderCancelled>().Count(c => c.Reason == "AUCTION_CANCELLED"));
    }

    [Fact]
    public void Sealed_bids_come_in_lots() =>
        Assert.Equal(
            "AUCTION_BID_LOT",
            AuctionRejectReason(Offer(1_000, 50m, AuctionFormat.SealedBid, AuctionPricing.UniformPrice, lot: 500), 700)
        );

    private static string AuctionRejectReason(OrderFunded offer, decimal bidQuantity)
    {
        var book = Book();
        book.Apply(new OrderReceived(offer, Opening));
        return Assert.IsType<OrderRejected>(book.Apply(new OrderReceived(BidIn(offer, "x", bidQuantity, 60m), Opening))[0]).Reason;
    }
}
