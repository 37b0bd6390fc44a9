using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RightsExchange.Accounts.DeliveryVersusPayment;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Settlement.V1;

namespace RightsExchange.IntegrationTests;

[Collection(ExchangeCollection.Name)]
public sealed class TradeLifecycleTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task Crossing_orders_fill_at_the_resting_price_and_settle_both_legs()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (seller, sellerApi) = await market.Participant("seller");
        var (buyer, buyerApi) = await market.Participant("buyer");
        var (buyer2, buyer2Api) = await market.Participant("buyer2");
        await market.Issue(cea, seller, 1_000);
        await market.Deposit(buyer, 100_000);
        await market.Deposit(buyer2, 100_000);

        var sell = await Market.PlaceAccepted(sellerApi, cea, "Sell", 600, 97.50m);
        var buy = await Market.PlaceAccepted(buyerApi, cea, "Buy", 400, 98.00m);
        await Market.PlaceAccepted(buyer2Api, cea, "Buy", 200, 97.50m);
        var trades = await market.SettledQuantity(cea, 600);

        Assert.All(trades, t => Assert.Equal(97.50m, t.Price));
        Assert.Equal([400m, 200m], trades.Select(t => t.Quantity));
        var first = trades[0];
        Assert.Equal((39_000.00m, 19.50m, 19.50m), (first.Consideration, first.BuyerFee, first.SellerFee));

        Assert.Equal(new HoldingLineView(400, 0), View(await market.Holding(buyer, cea)));
        Assert.Equal(new HoldingLineView(400, 0), View(await market.Holding(seller, cea)));
        var buyerAccount = await market.Account(buyer);
        Assert.Equal((100_000m - 39_019.50m, 0m), (buyerAccount.Cash.Available, buyerAccount.Cash.Reserved));
        var sellerAccount = await market.Account(seller);
        Assert.Equal(39_000m - 19.50m + 19_500m - 9.75m, sellerAccount.Cash.Available);

        var sellOrder = await market.Order(sell);
        Assert.Equal(("Filled", 600m, 2), (sellOrder.Status, sellOrder.FilledQuantity, sellOrder.Fills.Count));
        Assert.Equal("Filled", (await market.Order(buy)).Status);
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task Cancelling_an_order_releases_what_it_reserved()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (buyer, buyerApi) = await market.Participant("buyer");
        await market.Deposit(buyer, 10_000);

        var order = await Market.PlaceAccepted(buyerApi, cea, "Buy", 100, 97.00m);
        Assert.Equal(9_704.85m, (await market.Account(buyer)).Cash.Reserved);

        var cancel = await buyerApi.DeleteAsync($"/api/orders/{order}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(100m, (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cancelledQuantity").GetDecimal());
        await Eventually.True(
            async () => (await market.Account(buyer)).Cash == new RightsExchange.Contracts.Registry.V1.CashLine(10_000m, 0m),
            "the reservation released"
        );
        Assert.Equal("Cancelled", (await market.Order(order)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await buyerApi.DeleteAsync($"/api/orders/{order}")).StatusCode);
    }

    [Fact]
    public async Task An_order_that_cannot_be_funded_is_refused_with_its_reason_and_changes_nothing()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (buyer, buyerApi) = await market.Participant("buyer");
        var (seller, sellerApi) = await market.Participant("seller");
        await market.Deposit(buyer, 1_000);
        await market.Issue(cea, seller, 5);

        var tooDear = await Market.Place(buyerApi, cea, "Buy", 100, 97.50m);
        var tooMany = await Market.Place(sellerApi, cea, "Sell", 6, 97.50m);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooDear.StatusCode);
        Assert.Equal("application/problem+json", tooDear.Content.Headers.ContentType?.MediaType);
        Assert.Equal("INSUFFICIENT_CASH", (await tooDear.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal("INSUFFICIENT_UNITS", (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal((1_000m, 0m), ((await market.Account(buyer)).Cash.Available, (await market.Account(buyer)).Cash.Reserved));
        Assert.Equal(new HoldingLineView(5, 0), View(await market.Holding(seller, cea)));
    }

    [Fact]
    public async Task An_order_breaking_a_trading_rule_is_refused_and_its_reservation_voided()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument(referencePrice: 97.5m);
        var (seller, sellerApi) = await market.Participant("seller");
        await market.Issue(cea, seller, 100);

        var outsideLimits = await Market.Place(sellerApi, cea, "Sell", 10, 108.00m);
        var offTick = await Market.Place(sellerApi, cea, "Sell", 10, 97.505m);

        Assert.Equal(
            "PRICE_OUTSIDE_LIMITS",
            (await outsideLimits.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString()
        );
        Assert.Equal("PRICE_TICK", (await offTick.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        await Eventually.True(
            async () => View(await market.Holding(seller, cea)) == new HoldingLineView(100, 0),
            "the rejected orders' units released"
        );
    }

    [Fact]
    public async Task Malformed_requests_are_refused_with_problem_details()
    {
        var market = await Market.Open(exchange);
        var (_, traderApi) = await market.Participant("trader");

        var negative = await Market.Place(traderApi, "CEA-X", "Buy", -5, 97.5m);
        var noSide = await traderApi.PostAsJsonAsync(
            "/api/orders",
            new
            {
                clientOrderId = "x",
                instrumentId = "CEA-X",
                quantity = 1,
                limitPrice = 97.5m,
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal("application/problem+json", negative.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, noSide.StatusCode);
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await exchange.Gateway.CreateClient().GetAsync("/api/instruments/CEA/trades")).StatusCode
        );
    }

    [Fact]
    public async Task A_trader_cannot_act_on_another_participants_account()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (owner, ownerApi) = await market.Participant("owner");
        var (_, intruderApi) = await market.Participant("intruder");
        await market.Issue(cea, owner, 50);
        var order = await Market.PlaceAccepted(ownerApi, cea, "Sell", 50, 97.50m);

        Assert.Equal(HttpStatusCode.Forbidden, (await intruderApi.GetAsync($"/api/accounts/{owner}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await intruderApi.GetAsync($"/api/orders/{order}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await intruderApi.DeleteAsync($"/api/orders/{order}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await intruderApi.PostAsJsonAsync(
                    "/api/issuances",
                    new
                    {
                        instrumentId = cea,
                        participantId = owner,
                        quantity = 1,
                    }
                )
            ).StatusCode
        );

        Assert.Equal("Open", (await market.Order(order)).Status);
        Assert.Equal(new HoldingLineView(0, 50), View(await market.Holding(owner, cea)));
    }

    [Fact]
    public async Task A_redelivered_settlement_instruction_settles_once()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (seller, sellerApi, buyer, buyerApi) = await market.SellerAndBuyer(cea, 100, 20_000);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 100, 97.50m);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 100, 97.50m);
        var trade = Assert.Single(await market.SettledQuantity(cea, 100));
        var before = (await market.Account(buyer), await market.Account(seller));

        var (instruction, messageId) = await PublishedInstruction(trade.TradeId);
        var writer = exchange.Accounts.Services.GetRequiredService<LedgerWriter>();
        // The same message again (a broker redelivery), and the same instruction under a new message id (a republish).
        var redelivered = await writer.Execute(
            messageId,
            nameof(SettlementInstructed),
            async unit =>
            {
                await SettlementInstructedConsumer.Handle(unit, instruction);
                return true;
            },
            default
        );
        var republished = await writer.Execute(
            Guid.NewGuid(),
            nameof(SettlementInstructed),
            async unit =>
            {
                await SettlementInstructedConsumer.Handle(unit, instruction);
                return true;
            },
            default
        );
        // And once more through the broker, followed by a trade whose settlement shows the duplicate has been consumed.
        await exchange
            .Settlement.Services.GetRequiredService<IBus>()
            .Publish(new MessageBatch<SettlementInstructed>([new BatchEntry<SettlementInstructed>(messageId, 0, instruction)]));
        await market.Issue(cea, seller, 1);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 1, 97.50m);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 1, 97.50m);
        await market.SettledQuantity(cea, 101);

        Assert.False(redelivered);
        Assert.True(republished);
        var after = (await market.Account(buyer), await market.Account(seller));
        // Only the second trade moved cash: 97.50 CNY and the minimum fee of 1.00 CNY each side (5 bp would be 0.05).
        Assert.Equal(before.Item1.Cash.Available - 98.50m, after.Item1.Cash.Available);
        Assert.Equal(before.Item2.Cash.Available + 96.50m, after.Item2.Cash.Available);
        Assert.Equal(new HoldingLineView(101, 0), View(await market.Holding(buyer, cea)));
        Assert.True((await market.Conservation()).Balanced);
    }

    private async Task<(SettlementInstructed Instruction, Guid MessageId)> PublishedInstruction(string tradeId)
    {
        await using var session = exchange.Settlement.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(RightsExchange.Settlement.Settlements.TradeSettlement.StreamKey(tradeId));
        var instructed = events.Single(e => e.Data is SettlementInstructed);
        return ((SettlementInstructed)instructed.Data, instructed.Id);
    }

    private sealed record HoldingLineView(decimal Available, decimal Reserved);

    private static HoldingLineView? View(RightsExchange.Contracts.Registry.V1.HoldingLine? line) =>
        line is null ? null : new(line.Available, line.Reserved);
}
