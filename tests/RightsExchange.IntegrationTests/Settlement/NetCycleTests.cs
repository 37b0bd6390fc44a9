using System.Net;
using System.Net.Http.Json;
using NodaTime;
using RightsExchange.Contracts.Settlement.V1;

namespace RightsExchange.IntegrationTests.Settlement;

[Collection(ExchangeCollection.Name)]
public sealed class NetCycleTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task Pollutant_right_trades_wait_for_the_end_of_day_net_cycle_which_settles_them_in_one_step()
    {
        var market = await Market.Open(exchange);
        var vocs = await market.Instrument("VOCS", referencePrice: 100m, step: 0.001m, @class: "PollutantRight", unit: "t/yr");
        var (a, aApi) = await market.Participant("a");
        var (b, bApi) = await market.Participant("b");
        await market.Issue(vocs, a, 100);
        await market.Issue(vocs, b, 20);
        await market.Deposit(a, 10_000);
        await market.Deposit(b, 10_000);

        // a sells 10 to b at 100.00; b sells 4 back at 101.00.
        await Market.PlaceAccepted(aApi, vocs, "Sell", 10, 100m);
        await Market.PlaceAccepted(bApi, vocs, "Buy", 10, 100m);
        await Market.PlaceAccepted(bApi, vocs, "Sell", 4, 101m);
        await Market.PlaceAccepted(aApi, vocs, "Buy", 4, 101m);
        await Eventually.Value(
            async () =>
            {
                var trades = await market.Trades(vocs);
                return trades.Count == 2 && trades.All(t => t.Status == "Scheduled") ? trades : null;
            },
            "two scheduled trades"
        );
        Assert.Equal(20m, (await market.Holding(b, vocs))!.Available + (await market.Holding(b, vocs))!.Reserved);

        var response = await market.Regulator.PostAsync("/api/settlement-cycles", null);
        response.EnsureSuccessStatusCode();
        var run = (await response.Content.ReadFromJsonAsync<NetCycleRun>(ExchangeFixture.Json))!;
        Assert.NotNull(run.CycleId);
        Assert.Equal(2, run.Settlements);
        Assert.Contains(new NetObligation(b, vocs, "t/yr", 6m), run.Obligations);
        Assert.Contains(new NetObligation(a, vocs, "t/yr", -6m), run.Obligations);
        Assert.Contains(new NetObligation(a, "CNY", "CNY", 1_000.00m - 1.00m - 404.00m - 1.00m), run.Obligations);

        var settled = await market.SettledQuantity(vocs, 14);
        Assert.All(settled, t => Assert.Equal((1.00m, 1.00m), (t.BuyerFee, t.SellerFee)));
        Assert.Equal(new(vocs, "t/yr", 94, 0), await market.Holding(a, vocs));
        Assert.Equal(new(vocs, "t/yr", 26, 0), await market.Holding(b, vocs));
        Assert.Equal(10_000m + 594.00m, (await market.Account(a)).Cash.Available);
        Assert.Equal(10_000m - 1_000.00m - 1.00m + 404.00m - 1.00m, (await market.Account(b)).Cash.Available);

        var nothingLeft = await (await market.Regulator.PostAsync("/api/settlement-cycles", null)).Content.ReadFromJsonAsync<NetCycleRun>(
            ExchangeFixture.Json
        );
        Assert.Equal((null, 0), (nothingLeft!.CycleId, nothingLeft.Settlements));

        var today = settled[0].ExecutedAt.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        var statement = (
            await bApi.GetFromJsonAsync<DailyStatement>($"/api/accounts/{b}/statements/{today:yyyy-MM-dd}", ExchangeFixture.Json)
        )!;
        Assert.Equal(
            [("Buy", a, 10m, "EndOfDayNet", "Settled"), ("Sell", a, 4m, "EndOfDayNet", "Settled")],
            statement.Trades.Select(t => (t.Side, t.Counterparty, t.Quantity, t.Cycle, t.Status))
        );
        Assert.Equal(2.00m, statement.FeesPaid);
        Assert.Equal([new(b, vocs, "t/yr", 6m), new(b, "CNY", "CNY", -598.00m)], statement.NetMovements);

        Assert.Equal(HttpStatusCode.Forbidden, (await aApi.GetAsync($"/api/accounts/{b}/statements/{today:yyyy-MM-dd}")).StatusCode);
        Assert.Contains(
            "INVALID_DATE",
            await Market.Problem(await bApi.GetAsync($"/api/accounts/{b}/statements/30-06-2025"), HttpStatusCode.BadRequest)
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await aApi.PostAsync("/api/settlement-cycles", null)).StatusCode);
    }
}
