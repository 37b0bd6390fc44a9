using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Matching.Engine;

namespace RightsExchange.UnitTests.Matching;

/// <summary>Sessions, halts, the day's close and order types, through the book's journal inputs as the service feeds them.</summary>
public class MarketRulesTests
{
    // Tuesday 2026-11-24, 10:00 Asia/Shanghai.
    private static readonly Instant Morning = Instant.FromUtc(2026, 11, 24, 2, 0);

    private static OrderBook Book(TradingRules? rules = null, decimal? reference = 100m) =>
        new(new BookOpened("CEA-2024", "tCO2e", 1m, "test", rules ?? new TradingRules { PriceLimitPercent = 10 }, reference, Morning));

    private static IReadOnlyList<object> Place(OrderBook book, OrderFunded order, Instant at) => book.Apply(new OrderReceived(order, at));

    private static OrderFunded Order(
        Side side,
        decimal quantity,
        decimal price,
        string? participant = null,
        OrderType type = OrderType.Limit,
        TimeInForce tif = TimeInForce.Day
    ) => OrderBookTests.Order(side, quantity, price, participant, type: type, timeInForce: tif);

    [Fact]
    public void Orders_outside_the_listing_sessions_are_rejected_MARKET_CLOSED()
    {
        var lunch = Morning + Duration.FromHours(2); // 12:00 Shanghai
        var rejected = Assert.IsType<OrderRejected>(Assert.Single(Place(Book(), Order(Side.Buy, 10, 100m), lunch)));
        Assert.Equal("MARKET_CLOSED", rejected.Reason);
        Assert.Contains("Break", rejected.Detail);
    }

    [Fact]
    public void A_halted_instrument_refuses_orders_but_accepts_cancels_until_resumed()
    {
        var book = Book();
        var resting = Order(Side.Sell, 10, 100m, "seller");
        Place(book, resting, Morning);

        Assert.IsType<InstrumentHalted>(
            Assert.Single(book.Apply(new HaltReceived(new HaltInstrument("CEA-2024", "abnormal volatility", "reg", Morning), Morning)))
        );
        Assert.Equal(TradingPhase.Halted, book.PhaseAt(Morning));
        Assert.Equal("INSTRUMENT_HALTED", Assert.IsType<OrderRejected>(Place(book, Order(Side.Buy, 10, 100m), Morning)[0]).Reason);
        Assert.IsType<OrderCancelled>(
            book.Apply(new CancelReceived(new CancelOrder(resting.OrderId, "CEA-2024", "seller", Morning), Morning))[0]
        );

        Assert.IsType<InstrumentResumed>(
            Assert.Single(book.Apply(new ResumeReceived(new ResumeInstrument("CEA-2024", "reg", Morning), Morning)))
        );
        Assert.IsType<OrderAccepted>(Place(book, Order(Side.Buy, 10, 100m), Morning)[0]);
    }

    [Fact]
    public void The_next_day_closes_the_day_at_its_VWAP_which_becomes_the_reference_and_day_orders_expire()
    {
        var book = Book();
        Place(book, Order(Side.Sell, 100, 100m), Morning);
        Place(book, Order(Side.Sell, 300, 104m), Morning);
        Place(book, Order(Side.Buy, 400, 104m), Morning);
        var gtc = Order(Side.Buy, 5, 95m, tif: TimeInForce.GoodTillCancelled);
        var day = Order(Side.Buy, 5, 96m);
        Place(book, gtc, Morning);
        Place(book, day, Morning);

        var outputs = book.Apply(new ClockTicked(Morning + Duration.FromDays(1)));

        var close = Assert.IsType<TradingDayClosed>(outputs[0]);
        Assert.Equal(new LocalDate(2026, 11, 24), close.TradingDate);
        Assert.Equal(103m, close.Close); // (100×100 + 300×104) / 400
        Assert.Equal(400m, close.Volume);
        Assert.Equal(103m, book.ReferencePrice);
        Assert.Equal(new PriceBand(92.70m, 113.30m), book.PriceBand);
        var expired = Assert.IsType<OrderCancelled>(Assert.Single(outputs.OfType<OrderCancelled>()));
        Assert.Equal((day.OrderId, "EXPIRED"), (expired.OrderId, expired.Reason));
        Assert.Equal(1, book.RestingCount);
    }

    [Fact]
    public void An_order_resting_over_the_close_is_still_known_by_its_id()
    {
        // The close forgets the ids of closed orders (the expired day order here) and keeps those still resting.
        var book = Book();
        var gtc = Order(Side.Sell, 5, 101m, "seller", tif: TimeInForce.GoodTillCancelled);
        Place(book, Order(Side.Buy, 5, 99m), Morning);
        Place(book, gtc, Morning);
        var nextDay = Morning + Duration.FromDays(1);
        book.Apply(new ClockTicked(nextDay));
        var cancel = new CancelReceived(new CancelOrder(gtc.OrderId, "CEA-2024", "seller", nextDay), nextDay);

        Assert.Empty(Place(book, gtc, nextDay));
        var cancelled = Assert.IsType<OrderCancelled>(Assert.Single(book.Apply(cancel)));
        Assert.Equal((gtc.OrderId, 5m), (cancelled.OrderId, cancelled.CancelledQuantity));
        Assert.Equal("ORDER_NOT_FOUND", Assert.IsType<CancelRejected>(Assert.Single(book.Apply(cancel))).Reason);
        Assert.Equal(0, book.RestingCount);
    }

    [Fact]
    public void A_day_without_trades_keeps_the_previous_close_as_reference()
    {
        var book = Book();
        var close = Assert.IsType<TradingDayClosed>(book.Apply(new ClockTicked(Morning + Duration.FromDays(1)))[0]);
        Assert.Equal(100m, close.Close);
        Assert.Equal(100m, book.ReferencePrice);
    }

    [Fact]
    public void Immediate_or_cancel_trades_what_it_can_and_cancels_the_rest()
    {
        var book = Book();
        Place(book, Order(Side.Sell, 30, 100m), Morning);
        var outputs = Place(book, Order(Side.Buy, 50, 100m, tif: TimeInForce.ImmediateOrCancel), Morning);

        Assert.Equal(30m, Assert.IsType<TradeExecuted>(outputs[1]).Quantity);
        var cancelled = Assert.IsType<OrderCancelled>(outputs[2]);
        Assert.Equal((20m, "IMMEDIATE_OR_CANCEL"), (cancelled.CancelledQuantity, cancelled.Reason));
        Assert.Equal(0, book.RestingCount);
    }

    [Fact]
    public void Fill_or_kill_that_cannot_fill_is_rejected_and_changes_nothing()
    {
        var book = Book();
        Place(book, Order(Side.Sell, 30, 100m), Morning);

        Assert.Equal(
            "FOK_NOT_FILLABLE",
            Assert.IsType<OrderRejected>(Assert.Single(Place(book, Order(Side.Buy, 50, 100m, tif: TimeInForce.FillOrKill), Morning))).Reason
        );
        Assert.Equal(1, book.RestingCount);
        Assert.Equal(
            30m,
            Assert.IsType<TradeExecuted>(Place(book, Order(Side.Buy, 30, 100m, tif: TimeInForce.FillOrKill), Morning)[1]).Quantity
        );
    }

    [Fact]
    public void A_market_order_sweeps_up_to_its_protection_price_and_never_rests()
    {
        var book = Book();
        Place(book, Order(Side.Sell, 10, 100m), Morning);
        Place(book, Order(Side.Sell, 10, 105m), Morning);
        Place(book, Order(Side.Sell, 10, 109m), Morning);

        var outputs = Place(book, Order(Side.Buy, 40, 106m, type: OrderType.Market), Morning);

        Assert.Equal([100m, 105m], outputs.OfType<TradeExecuted>().Select(t => t.Price));
        Assert.Equal("MARKET_REMAINDER", Assert.IsType<OrderCancelled>(outputs[^1]).Reason);
        Assert.Equal((null, 109m), book.Top);
    }

    [Fact]
    public void The_market_view_shows_depth_aggregated_by_price_level_best_first()
    {
        var book = Book();
        Place(book, Order(Side.Buy, 10, 99m), Morning);
        Place(book, Order(Side.Buy, 5, 99m), Morning);
        Place(book, Order(Side.Buy, 7, 98.5m), Morning);

        Assert.Equal([new PriceLevel(99m, 15m, 2), new PriceLevel(98.5m, 7m, 1)], book.View(Morning).Bids!);
    }

    [Fact]
    public void A_market_order_protection_price_must_lie_inside_the_daily_limits() =>
        Assert.Equal(
            "PRICE_OUTSIDE_LIMITS",
            Assert.IsType<OrderRejected>(Place(Book(), Order(Side.Buy, 1, 111m, type: OrderType.Market), Morning)[0]).Reason
        );

    [Fact]
    public void Self_trade_prevention_cancels_the_incoming_order_by_default()
    {
        var book = Book();
        Place(book, Order(Side.Sell, 10, 100m, "same"), Morning);

        var outputs = Place(book, Order(Side.Buy, 10, 100m, "same"), Morning);

        Assert.Empty(outputs.OfType<TradeExecuted>());
        Assert.Equal("SELF_TRADE_PREVENTED", Assert.IsType<OrderCancelled>(outputs[^1]).Reason);
        Assert.Equal(1, book.RestingCount);
    }

    [Fact]
    public void Self_trade_prevention_can_cancel_the_resting_order_and_match_on()
    {
        var book = Book(new TradingRules { SelfTradePrevention = SelfTradePrevention.CancelResting });
        var own = Order(Side.Sell, 10, 100m, "same");
        Place(book, own, Morning);
        Place(book, Order(Side.Sell, 10, 100m, "other"), Morning);

        var outputs = Place(book, Order(Side.Buy, 10, 100m, "same"), Morning);

        Assert.Equal(own.OrderId, Assert.IsType<OrderCancelled>(outputs[1]).OrderId);
        Assert.Equal("other", Assert.IsType<TradeExecuted>(outputs[2]).SellerId);
    }

    [Fact]
    public void Reducing_the_quantity_keeps_time_priority_and_a_new_price_loses_it()
    {
        var book = Book();
        var first = Order(Side.Sell, 10, 100m, "a");
        var second = Order(Side.Sell, 10, 100m, "b");
        Place(book, first, Morning);
        Place(book, second, Morning);

        var reduced = Assert.IsType<OrderAmended>(Assert.Single(book.Apply(Amend(first, 6, 100m))));
        Assert.True(reduced.PriorityKept);
        Assert.Equal("a", Assert.IsType<TradeExecuted>(Place(book, Order(Side.Buy, 1, 100m), Morning)[1]).SellerId);

        var repriced = Assert.IsType<OrderAmended>(Assert.Single(book.Apply(Amend(first, 6, 100.01m))));
        Assert.False(repriced.PriorityKept);
        Assert.Equal("b", Assert.IsType<TradeExecuted>(Place(book, Order(Side.Buy, 1, 100.01m), Morning)[1]).SellerId);
    }

    [Fact]
    public void An_amendment_that_crosses_trades_at_once()
    {
        var book = Book();
        Place(book, Order(Side.Sell, 10, 101m, "seller"), Morning);
        var bid = Order(Side.Buy, 10, 100m, "buyer");
        Place(book, bid, Morning);

        var outputs = book.Apply(Amend(bid, 10, 101m));

        Assert.IsType<OrderAmended>(outputs[0]);
        Assert.Equal(101m, Assert.IsType<TradeExecuted>(outputs[1]).Price);
    }

    [Fact]
    public void An_amendment_may_not_go_below_what_has_filled()
    {
        var book = Book();
        var sell = Order(Side.Sell, 10, 100m, "seller");
        Place(book, sell, Morning);
        Place(book, Order(Side.Buy, 4, 100m), Morning);

        Assert.Equal("AMEND_BELOW_FILLED", Assert.IsType<AmendRejected>(Assert.Single(book.Apply(Amend(sell, 4, 100m)))).Reason);
    }

    [Fact]
    public void Replaying_the_journal_rebuilds_the_same_market()
    {
        var book = Book();
        var journal = new List<object>
        {
            new OrderReceived(Order(Side.Sell, 10, 100m), Morning),
            new OrderReceived(Order(Side.Buy, 4, 100m), Morning),
            new ClockTicked(Morning + Duration.FromDays(1)),
            new OrderReceived(Order(Side.Sell, 7, 100.5m, tif: TimeInForce.GoodTillCancelled), Morning + Duration.FromDays(1)),
        };
        var first = journal.SelectMany(book.Apply).ToList();
        var replay = Book();
        var second = journal.SelectMany(replay.Apply).ToList();

        Assert.Equal(first, second);
        MarketView Comparable(MarketView v) => v with { OpenAuctions = [], OpenBlockProposals = [], Bids = [], Asks = [] };
        Assert.Equal(book.View(Morning).Asks, replay.View(Morning).Asks);
        Assert.Equal(Comparable(book.View(Morning)), Comparable(replay.View(Morning)));
    }

    private static AmendReceived Amend(OrderFunded order, decimal quantity, decimal price) =>
        new(
            new OrderAmendFunded(Guid.NewGuid(), order.OrderId, "CEA-2024", order.ParticipantId, order.Side, quantity, price, 0m, Morning),
            Morning
        );
}
