using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Matching.Books;

namespace RightsExchange.IntegrationTests;

/// <summary>The matching service's market rules through the public API, on real RabbitMQ and PostgreSQL: every order type ends in the
/// registry.</summary>
[Collection(ExchangeCollection.Name)]
public sealed class MarketRulesEndToEndTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_block_agreement_is_proposed_accepted_and_settled_like_any_trade()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (seller, sellerApi) = await market.Participant("forest-farm");
        var (buyer, buyerApi) = await market.Participant("buyer");
        await market.Issue(cea, seller, 155_500);
        await market.Deposit(buyer, 20_000_000);

        var proposal = await Market.Accepted(
            sellerApi,
            "/api/block-trades",
            new
            {
                clientOrderId = "b1",
                instrumentId = cea,
                side = "Sell",
                quantity = 155_500,
                price = 100m,
                counterparty = buyer,
            }
        );
        Assert.Equal(155_500m, (await market.Holding(seller, cea))!.Reserved);
        await Market.Accepted(buyerApi, $"/api/block-trades/{proposal}/accept", new { clientOrderId = "a1" });

        var trade = Assert.Single(await market.SettledQuantity(cea, 155_500));
        Assert.Equal((100m, seller, buyer), (trade.Price, trade.SellerId, trade.BuyerId));
        Assert.Equal(155_500m, (await market.Holding(buyer, cea))!.Available);
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task A_declined_block_proposal_releases_the_proposers_units()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (seller, sellerApi) = await market.Participant("seller");
        var (buyer, buyerApi) = await market.Participant("buyer");
        var (_, strangerApi) = await market.Participant("stranger");
        await market.Issue(cea, seller, 100_000);

        var proposal = await Market.Accepted(
            sellerApi,
            "/api/block-trades",
            new
            {
                clientOrderId = "b1",
                instrumentId = cea,
                side = "Sell",
                quantity = 100_000,
                price = 97.5m,
                counterparty = buyer,
            }
        );
        Assert.Equal(
            "BLOCK_PROPOSAL_NOT_FOUND",
            await Market.Problem(await strangerApi.PostAsync($"/api/block-trades/{proposal}/decline", null), HttpStatusCode.NotFound)
        );
        Assert.Equal(HttpStatusCode.OK, (await buyerApi.PostAsync($"/api/block-trades/{proposal}/decline", null)).StatusCode);

        await Eventually.True(async () => (await market.Holding(seller, cea))!.Available == 100_000, "the proposal's units released");
        Assert.Equal("BLOCK_DECLINED", (await market.Order(proposal)).CloseReason);
    }

    [Fact]
    public async Task A_halted_instrument_refuses_orders_with_the_reason_until_resumed()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (buyer, buyerApi) = await market.Participant("buyer");
        await market.Deposit(buyer, 10_000);

        Assert.Equal(
            HttpStatusCode.OK,
            (await market.Regulator.PostAsJsonAsync($"/api/instruments/{cea}/halt", new { reason = "abnormal volatility" })).StatusCode
        );
        Assert.Equal(
            "ALREADY_HALTED",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync($"/api/instruments/{cea}/halt", new { reason = "again" }),
                HttpStatusCode.Conflict
            )
        );
        Assert.Equal(
            "INSTRUMENT_HALTED",
            await Market.Problem(await Market.Place(buyerApi, cea, "Buy", 10, 97m), HttpStatusCode.UnprocessableEntity)
        );
        await Eventually.True(async () => (await market.Account(buyer)).Cash.Reserved == 0, "the refused order's cash released");
        Assert.Equal(HttpStatusCode.Forbidden, (await buyerApi.PostAsync($"/api/instruments/{cea}/resume", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await market.Regulator.PostAsync($"/api/instruments/{cea}/resume", null)).StatusCode);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 10, 97m);
    }

    [Fact]
    public async Task An_amendment_that_needs_more_cash_reserves_it_and_a_cancel_releases_everything()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (buyer, buyerApi) = await market.Participant("buyer");
        await market.Deposit(buyer, 10_000);
        var order = await Market.PlaceAccepted(buyerApi, cea, "Buy", 10, 97m);

        var amended = await buyerApi.PatchAsJsonAsync($"/api/orders/{order}", new { quantity = 20, limitPrice = 97.5m });
        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        Assert.Equal(1_951.00m, (await market.Account(buyer)).Cash.Reserved); // 20 × 97.50 + the fee: 0.05% is 0.98, the minimum 1.00
        Assert.Equal(
            "INSUFFICIENT_CASH",
            await Market.Problem(
                await buyerApi.PatchAsJsonAsync($"/api/orders/{order}", new { quantity = 200, limitPrice = 97.5m }),
                HttpStatusCode.UnprocessableEntity
            )
        );

        Assert.Equal(HttpStatusCode.OK, (await buyerApi.DeleteAsync($"/api/orders/{order}")).StatusCode);
        await Eventually.True(async () => (await market.Account(buyer)).Cash is { Reserved: 0, Available: 10_000 }, "everything released");
    }

    [Fact]
    public async Task Units_bought_today_cannot_be_sold_today_where_the_instrument_says_so()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument(sellableSameDay: false);
        var (_, sellerApi, _, buyerApi) = await market.SellerAndBuyer(cea, 100, 10_000);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 50, 97.5m);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 50, 97.5m);
        await market.SettledQuantity(cea, 50);

        Assert.Equal(
            "INSUFFICIENT_UNITS",
            await Market.Problem(await Market.Place(buyerApi, cea, "Sell", 1, 97.5m), HttpStatusCode.UnprocessableEntity)
        );
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 50, 97.5m);
    }

    [Fact]
    public async Task A_one_way_auction_clears_at_its_close_and_settles_every_allocation()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (reserve, reserveApi) = await market.Participant("government-reserve");
        var (high, highApi) = await market.Participant("high");
        var (low, lowApi) = await market.Participant("low");
        await market.Issue(cea, reserve, 1_000);
        await market.Deposit(high, 100_000);
        await market.Deposit(low, 100_000);

        var closesAt = SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(15);
        var auction = await Market.Accepted(
            reserveApi,
            "/api/auctions",
            new
            {
                clientOrderId = "a1",
                instrumentId = cea,
                quantity = 1_000,
                reservePrice = 90m,
                format = "OneWayBidding",
                pricing = "PayAsBid",
                closesAt = closesAt.ToString(),
            }
        );
        Assert.Equal(
            "BID_BELOW_RESERVE",
            await Market.Problem(
                await lowApi.PostAsJsonAsync(
                    $"/api/auctions/{auction}/bids",
                    new
                    {
                        clientOrderId = "x",
                        quantity = 100,
                        price = 89m,
                    }
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        await Market.Accepted(
            highApi,
            $"/api/auctions/{auction}/bids",
            new
            {
                clientOrderId = "h",
                quantity = 600,
                price = 95m,
            }
        );
        var lowBid = await Market.Accepted(
            lowApi,
            $"/api/auctions/{auction}/bids",
            new
            {
                clientOrderId = "l",
                quantity = 600,
                price = 92m,
            }
        );

        var trades = await market.SettledQuantity(cea, 1_000);
        Assert.Equal([(high, 600m, 95m), (low, 400m, 92m)], trades.Select(t => (t.BuyerId, t.Quantity, t.Price)));
        await Eventually.True(async () => (await market.Account(low)).Cash.Reserved == 0, "the low bidder's unfilled part released");
        Assert.Equal("AUCTION_UNFILLED", (await market.Order(lowBid)).CloseReason);
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task A_restart_of_matching_mid_trading_rebuilds_the_book_without_losing_or_repeating_a_trade()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (_, sellerApi, buyer, buyerApi) = await market.SellerAndBuyer(cea, 100, 100_000);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 40, 97m);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 60, 98m);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 30, 97m);
        await market.SettledQuantity(cea, 30);

        await exchange.RestartMatching();

        await Market.PlaceAccepted(buyerApi, cea, "Buy", 70, 98m);
        var trades = await market.SettledQuantity(cea, 100);
        Assert.Equal([(30m, 97m), (10m, 97m), (60m, 98m)], trades.Select(t => (t.Quantity, t.Price)));
        Assert.Equal(trades.Count, trades.Select(t => t.TradeId).Distinct().Count());
        Assert.Equal(100m, (await market.Holding(buyer, cea))!.Available);
        Assert.True((await market.Conservation()).Balanced);
        await using var session = exchange.Matching.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.NotNull(await session.LoadAsync<BookSnapshot>(cea));
    }

    [Fact]
    public async Task Matching_stopped_while_orders_stream_in_settles_every_one_exactly_once()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (_, sellerApi, buyer, buyerApi) = await market.SellerAndBuyer(cea, 300, 100_000);
        for (var i = 0; i < 30; i++)
            await Market.PlaceAccepted(sellerApi, cea, "Sell", 10, 97m);

        // Buy orders go in one after another; once five are answered matching is stopped and started again while the
        // rest keep coming, so some arrive while no engine runs and some while the new one loads its book.
        var fiveAnswered = new TaskCompletionSource();
        var buys = Task.Run(async () =>
        {
            for (var i = 1; i <= 30; i++)
            {
                await Market.Place(buyerApi, cea, "Buy", 10, 97m);
                if (i == 5)
                    fiveAnswered.SetResult();
            }
        });
        await fiveAnswered.Task;
        await exchange.RestartMatching();
        await buys;

        var trades = await market.SettledQuantity(cea, 300);
        Assert.Equal(30, trades.Count);
        Assert.Equal(30, trades.Select(t => t.TradeId).Distinct().Count());
        Assert.Equal(300m, (await market.Holding(buyer, cea))!.Available);
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task A_standby_matching_instance_takes_over_when_the_active_one_dies()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (_, sellerApi, buyer, buyerApi) = await market.SellerAndBuyer(cea, 100, 100_000);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 50, 97m);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 50, 96m);

        await exchange.FailOverMatching();

        await Market.PlaceAccepted(buyerApi, cea, "Buy", 80, 97m);
        var trades = await market.SettledQuantity(cea, 80);
        Assert.Equal([(50m, 96m), (30m, 97m)], trades.Select(t => (t.Quantity, t.Price)));
        Assert.Equal(80m, (await market.Holding(buyer, cea))!.Available);
        Assert.True((await market.Conservation()).Balanced);

        var tape = await sellerApi.GetFromJsonAsync<TradeTape>($"/api/instruments/{cea}/tape?limit=10", ExchangeFixture.Json);
        Assert.Equal([(30m, 97m), (50m, 96m)], tape!.Trades.Select(t => (t.Quantity, t.Price)));
        await using var session = exchange.Matching.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var depth = (await session.Events.QueryRawEventDataOnly<OrderBookChanged>().Where(d => d.InstrumentId == cea).ToListAsync()).MaxBy(
            d => d.Sequence
        )!;
        Assert.Equal([new PriceLevel(97m, 20m, 1)], depth.Asks);
        Assert.Empty(depth.Bids);
    }
}
