using RightsExchange.Accounts.DeliveryVersusPayment;
using RightsExchange.Settlement.Settlements;
using Xunit.Abstractions;

namespace RightsExchange.IntegrationTests.Settlement;

/// <summary>An exchange of its own: these tests stop and start services.</summary>
[CollectionDefinition(Name)]
public sealed class SettlementCrashCollection : ICollectionFixture<ExchangeFixture>
{
    public const string Name = "exchange-crash";
}

/// <summary>
/// An exchange whose writers do not publish their commits themselves (<c>Outbox:FastPath</c> off): every message
/// goes out through the outbox relay, the path that recovers whatever a crash kept the fast path from publishing.
/// </summary>
public sealed class RelayOnlyExchangeFixture(IMessageSink diagnostics) : ExchangeFixture(diagnostics)
{
    protected override IReadOnlyDictionary<string, string?> Overrides { get; } =
        new Dictionary<string, string?> { ["Outbox:FastPath"] = "false" };
}

/// <summary>An exchange of its own, with the outbox relay alone.</summary>
[CollectionDefinition(Name)]
public sealed class RelayOnlyCrashCollection : ICollectionFixture<RelayOnlyExchangeFixture>
{
    public const string Name = "exchange-crash-relay-only";
}

/// <summary>
/// A settlement survives a service stopping at each of its steps: the step's message waits in the stopped service's
/// queue, and after the restart the settlement completes exactly once. A service stopped after its commit but before
/// its outbox published the result publishes it when it starts again, so each step first waits for the message to
/// reach the next service's queue.
/// </summary>
[Collection(SettlementCrashCollection.Name)]
public sealed class SettlementCrashTests(ExchangeFixture exchange)
{
    [Fact]
    public Task A_trade_settles_exactly_once_when_settlement_and_accounts_stop_at_each_step() => StopAtEachStep(exchange);

    /// <summary>The same steps on <paramref name="exchange"/>, whichever path its outbox publishes by.</summary>
    internal static async Task StopAtEachStep(ExchangeFixture exchange)
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (seller, sellerApi, buyer, buyerApi) = await market.SellerAndBuyer(cea, 1_000, 100_000);

        // Step 1: the trade executes while settlement is down; TradeExecuted waits in its queue.
        await exchange.StopSettlement();
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 300, 97.50m);
        var buy = await Market.PlaceAccepted(buyerApi, cea, "Buy", 300, 97.50m);
        await Eventually.True(async () => (await market.Order(buy)).FilledQuantity == 300, "the trade");
        await Eventually.True(
            async () => await exchange.Waiting<TradeExecutedConsumer>("settlement") == 1,
            "the trade waiting for settlement"
        );

        // Step 2: accounts is down when settlement comes back and instructs; SettlementInstructed waits.
        await exchange.StopAccounts();
        exchange.StartSettlement();
        var instructed = await Eventually.Value(
            async () => (await market.Trades(cea)).SingleOrDefault(t => t.Status == "Instructed"),
            "the instructions"
        );
        await Eventually.True(
            async () => await exchange.Waiting<SettlementInstructedConsumer>("accounts") == 1,
            "the instructions waiting for accounts"
        );

        // Step 3: settlement is down when accounts comes back and posts; SettlementPosted waits.
        await exchange.StopSettlement();
        exchange.StartAccounts();
        await Eventually.True(async () => (await market.Holding(buyer, cea))?.Available == 300, "the delivery");
        await Eventually.True(
            async () => await exchange.Waiting<SettlementOutcomeConsumer>("settlement") == 1,
            "the outcome waiting for settlement"
        );

        // Step 4: settlement comes back and completes the settlement.
        exchange.StartSettlement();
        var trade = Assert.Single(await market.SettledQuantity(cea, 300));
        Assert.Equal(instructed.TradeId, trade.TradeId);

        Assert.Equal((29_250.00m, 14.63m, 14.63m), (trade.Consideration, trade.BuyerFee, trade.SellerFee));
        Assert.Equal(new(cea, "tCO2e", 300, 0), await market.Holding(buyer, cea));
        Assert.Equal(new(cea, "tCO2e", 700, 0), await market.Holding(seller, cea));
        Assert.Equal(100_000 - 29_250 - trade.BuyerFee, (await market.Account(buyer)).Cash.Available);
        Assert.Equal(29_250 - trade.SellerFee, (await market.Account(seller)).Cash.Available);
        var conservation = await market.Conservation();
        Assert.True(conservation.Balanced, $"{conservation}");

        var report = await market.Regulator.PostAsync("/api/reconciliations", null);
        report.EnsureSuccessStatusCode();
        Assert.Contains("\"balanced\":true", await report.Content.ReadAsStringAsync());
    }
}

/// <summary>The crash steps again with the outbox relay alone publishing, as it does after a crash of the fast path.</summary>
[Collection(RelayOnlyCrashCollection.Name)]
public sealed class RelayOnlySettlementCrashTests(RelayOnlyExchangeFixture exchange)
{
    [Fact]
    public Task A_trade_settles_exactly_once_at_each_step_when_only_the_outbox_relay_publishes() =>
        SettlementCrashTests.StopAtEachStep(exchange);
}
