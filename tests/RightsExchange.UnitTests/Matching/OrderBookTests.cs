using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Matching.Engine;

namespace RightsExchange.UnitTests.Matching;

public class OrderBookTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 6, 30, 2, 0);

    internal static OrderBook NewBook(TradingRules? rules = null, decimal? referencePrice = null) =>
        new(new BookOpened("CEA-2024", "tCO2e", 1m, "test", rules ?? new TradingRules(), referencePrice, T0));

    /// <summary>A funded limit order; each call without <paramref name="participant"/> is a different participant, so no
    /// self-trade.</summary>
    internal static OrderFunded Order(
        Side side,
        decimal quantity,
        decimal price,
        string? participant = null,
        Guid? id = null,
        OrderType type = OrderType.Limit,
        TimeInForce timeInForce = TimeInForce.Day
    ) =>
        new(
            id ?? Guid.NewGuid(),
            "c",
            participant ?? $"trader-{Guid.NewGuid():N}",
            "CEA-2024",
            side,
            quantity,
            price,
            0m,
            T0,
            T0,
            type,
            timeInForce
        );

    [Fact]
    public void A_crossing_order_trades_at_the_resting_price()
    {
        var book = NewBook();
        var sell = Order(Side.Sell, 100, 97.50m, "seller");
        book.Submit(sell, T0);

        var outputs = book.Submit(Order(Side.Buy, 100, 98.00m, "buyer"), T0);

        var trade = Assert.IsType<TradeExecuted>(outputs[1]);
        Assert.Equal(97.50m, trade.Price);
        Assert.Equal(100m, trade.Quantity);
        Assert.Equal(sell.OrderId, trade.SellOrderId);
        Assert.Equal(Side.Buy, trade.AggressorSide);
        Assert.Equal(0, book.RestingCount);
    }

    [Fact]
    public void Better_prices_trade_first_then_older_orders_at_the_same_price()
    {
        var book = NewBook();
        var first = Order(Side.Sell, 10, 97.00m);
        var second = Order(Side.Sell, 10, 97.00m);
        var best = Order(Side.Sell, 10, 96.00m);
        book.Submit(first, T0);
        book.Submit(second, T0);
        book.Submit(best, T0);

        var trades = book.Submit(Order(Side.Buy, 25, 97.00m), T0).OfType<TradeExecuted>().ToList();

        Assert.Equal([best.OrderId, first.OrderId, second.OrderId], trades.Select(t => t.SellOrderId));
        Assert.Equal([10m, 10m, 5m], trades.Select(t => t.Quantity));
        Assert.Equal(5m, trades[^1].SellOrderOpen);
    }

    [Fact]
    public void A_partly_filled_order_rests_with_what_is_left()
    {
        var book = NewBook();
        book.Submit(Order(Side.Sell, 40, 97.50m), T0);

        var outputs = book.Submit(Order(Side.Buy, 100, 97.50m), T0);

        Assert.Equal(60m, Assert.IsType<TradeExecuted>(outputs[1]).BuyOrderOpen);
        Assert.Equal((97.50m, (decimal?)null), book.Top);
    }

    [Fact]
    public void Orders_that_do_not_cross_rest_on_both_sides()
    {
        var book = NewBook();
        book.Submit(Order(Side.Buy, 10, 97.00m), T0);
        var outputs = book.Submit(Order(Side.Sell, 10, 97.01m), T0);

        Assert.Single(outputs);
        Assert.Equal((97.00m, 97.01m), book.Top);
    }

    [Fact]
    public void Cancel_removes_the_open_quantity_and_reports_it()
    {
        var book = NewBook();
        var sell = Order(Side.Sell, 100, 97.50m, "seller");
        book.Submit(sell, T0);
        book.Submit(Order(Side.Buy, 30, 97.50m, "buyer"), T0);

        var outputs = book.Cancel(new CancelOrder(sell.OrderId, "CEA-2024", "seller", T0), T0);

        Assert.Equal(70m, Assert.IsType<OrderCancelled>(Assert.Single(outputs)).CancelledQuantity);
        Assert.Equal(0, book.RestingCount);
    }

    [Fact]
    public void Only_the_owner_may_cancel_and_only_an_open_order()
    {
        var book = NewBook();
        var sell = Order(Side.Sell, 100, 97.50m, "seller");
        book.Submit(sell, T0);

        Assert.Equal(
            "NOT_ORDER_OWNER",
            Assert.IsType<CancelRejected>(book.Cancel(new CancelOrder(sell.OrderId, "CEA-2024", "other", T0), T0)[0]).Reason
        );
        Assert.Equal(
            "ORDER_NOT_FOUND",
            Assert.IsType<CancelRejected>(book.Cancel(new CancelOrder(Guid.NewGuid(), "CEA-2024", "seller", T0), T0)[0]).Reason
        );
        Assert.Equal(1, book.RestingCount);
    }

    [Theory]
    [InlineData(10, 97.505, "PRICE_TICK")]
    [InlineData(10.5, 97.50, "QUANTITY_STEP")]
    [InlineData(100000, 97.50, "QUANTITY_ABOVE_MAXIMUM")]
    [InlineData(10, 107.26, "PRICE_OUTSIDE_LIMITS")]
    [InlineData(10, 87.74, "PRICE_OUTSIDE_LIMITS")]
    public void Orders_breaking_the_national_market_rules_are_rejected_with_their_reason(decimal quantity, decimal price, string reason)
    {
        var book = NewBook(
            new TradingRules
            {
                TickSize = 0.01m,
                MinimumQuantity = 1,
                MaximumQuantity = 99_999,
                PriceLimitPercent = 10,
            },
            referencePrice: 97.5m
        );

        var rejected = Assert.IsType<OrderRejected>(Assert.Single(book.Submit(Order(Side.Buy, quantity, price), T0)));

        Assert.Equal(reason, rejected.Reason);
        Assert.Equal(0, book.RestingCount);
    }

    [Fact]
    public void The_limit_band_is_inclusive_and_rounded_inwards_to_the_tick()
    {
        var book = NewBook(new TradingRules { PriceLimitPercent = 10 }, referencePrice: 97.5m);

        Assert.Equal(new PriceBand(87.75m, 107.25m), book.PriceBand);
        Assert.IsType<OrderAccepted>(book.Submit(Order(Side.Buy, 1, 107.25m), T0)[0]);
    }

    [Fact]
    public void Thousands_of_resting_orders_are_each_found_by_id_and_cancelled_with_their_open_quantity()
    {
        // Enough orders to fill several of the book's pages of orders and of order ids.
        var book = NewBook();
        var random = new Random(7);
        var orders = Enumerable
            .Range(0, 5_000)
            .Select(i =>
                i % 2 == 0
                    ? Order(Side.Buy, 1 + i % 40, 97.00m - i % 30 * 0.01m, $"p{i % 7}")
                    : Order(Side.Sell, 1 + i % 40, 97.01m + i % 30 * 0.01m, $"p{i % 7}")
            )
            .ToList();
        foreach (var order in orders)
            book.Submit(order, T0);
        Assert.Equal(orders.Count, book.RestingCount);
        Assert.All(orders, order => Assert.Empty(book.Submit(order, T0)));

        foreach (var order in orders.OrderBy(_ => random.Next()))
        {
            var cancel = new CancelOrder(order.OrderId, "CEA-2024", order.ParticipantId, T0);
            var cancelled = Assert.IsType<OrderCancelled>(Assert.Single(book.Cancel(cancel, T0)));
            Assert.Equal((order.OrderId, order.Quantity), (cancelled.OrderId, cancelled.CancelledQuantity));
        }

        Assert.Equal(0, book.RestingCount);
        Assert.Equal(((decimal?)null, (decimal?)null), book.Top);
    }

    [Fact]
    public void Outputs_given_as_values_make_the_records_the_book_gives()
    {
        var sell = Order(Side.Sell, 10, 97.50m, "seller");
        var buy = Order(Side.Buy, 4, 97.50m, "buyer");
        var amend = new OrderAmendFunded(Guid.NewGuid(), sell.OrderId, "CEA-2024", "seller", Side.Sell, 5, 97.50m, 0m, T0);
        object[] journal =
        [
            new OrderReceived(sell, T0),
            new OrderReceived(buy, T0),
            new AmendReceived(amend, T0),
            new AmendReceived(amend with { AmendId = Guid.NewGuid(), OrderId = Guid.NewGuid() }, T0),
            new CancelReceived(new CancelOrder(sell.OrderId, "CEA-2024", "seller", T0), T0),
            new CancelReceived(new CancelOrder(sell.OrderId, "CEA-2024", "seller", T0), T0),
        ];
        var (values, records) = (NewBook(), NewBook());
        var outputs = new BookOutputs();

        foreach (var input in journal)
        {
            values.Apply(input, outputs);
            var expected = records.Apply(input);
            Assert.Equal(expected.Count, outputs.Count);
            for (var i = 0; i < outputs.Count; i++)
            {
                Assert.Equal(expected[i].GetType().Name, outputs[i].Kind.ToString());
                Assert.Equal(expected[i], outputs[i].ToRecord());
            }
            outputs.Clear();
        }
    }

    [Fact]
    public void A_redelivered_order_changes_nothing()
    {
        var book = NewBook();
        var order = Order(Side.Sell, 10, 97m);
        book.Submit(order, T0);

        Assert.Empty(book.Submit(order, T0));
        Assert.Equal(1, book.RestingCount);
    }
}
