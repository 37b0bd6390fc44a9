using System.Net;
using System.Net.Http.Json;

namespace RightsExchange.IntegrationTests.Settlement;

/// <summary>Failures at settlement: nothing moves, both sides' reservations are released, and the reason is told.</summary>
[Collection(ExchangeCollection.Name)]
public sealed class SettlementFailureTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_buyer_frozen_after_its_order_was_accepted_fails_the_settlement_and_releases_both_reservations()
    {
        var market = await Market.Open(exchange);
        var cod = await market.Instrument("COD", referencePrice: 20_000m, step: 0.001m, @class: "PollutantRight", unit: "t/yr");
        var (seller, sellerApi, buyer, buyerApi) = await market.SellerAndBuyer(cod, 5, 100_000);
        await Market.PlaceAccepted(sellerApi, cod, "Sell", 2.5m, 20_000m);
        await Market.PlaceAccepted(buyerApi, cod, "Buy", 2.5m, 20_000m);
        await Eventually.True(async () => (await market.Trades(cod)).SingleOrDefault()?.Status == "Scheduled", "the scheduled trade");

        var freeze = await market.Regulator.PostAsJsonAsync(
            $"/api/accounts/{buyer}/freeze",
            new { reason = "Court order (2025) Wan 01 Zhi Bao 17" },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, freeze.StatusCode);
        (await market.Regulator.PostAsync("/api/settlement-cycles", null)).EnsureSuccessStatusCode();

        var failed = await Eventually.Value(
            async () => (await market.Trades(cod)).SingleOrDefault(t => t.Status == "Failed"),
            "the failed settlement"
        );
        Assert.Equal("ACCOUNT_FROZEN", failed.FailureReason);
        await Eventually.True(
            async () => (await market.Account(buyer)).Cash.Reserved == 0 && (await market.Holding(seller, cod))?.Reserved == 0,
            "the released reservations"
        );
        Assert.Equal(new(100_000m, 0m), (await market.Account(buyer)).Cash);
        Assert.Equal(new(cod, "t/yr", 5m, 0m), await market.Holding(seller, cod));
        Assert.Null(await market.Holding(buyer, cod));
        Assert.True((await market.Conservation()).Balanced);

        // While frozen, nothing new is accepted; a second freeze is refused; a regulator lifts it.
        Assert.Equal(
            "ACCOUNT_FROZEN",
            await Market.Problem(await Market.Place(buyerApi, cod, "Buy", 1, 20_000m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "ALREADY_FROZEN",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync($"/api/accounts/{buyer}/freeze", new { reason = "again" }, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await buyerApi.PostAsJsonAsync($"/api/accounts/{buyer}/unfreeze", new { reason = "mine" }, ExchangeFixture.Json)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await market.Regulator.PostAsJsonAsync(
                    $"/api/accounts/{buyer}/unfreeze",
                    new { reason = "Order lifted" },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );
        Assert.Equal(
            "NOT_FROZEN",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync($"/api/accounts/{buyer}/unfreeze", new { reason = "again" }, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );
        await Market.PlaceAccepted(buyerApi, cod, "Buy", 1, 20_000m);
    }

    [Fact]
    public async Task An_order_in_a_right_past_its_validity_is_rejected_at_funding()
    {
        var market = await Market.Open(exchange);
        var id = market.Id("OLD-WATER").ToUpperInvariant();
        var listed = await market.Regulator.PostAsJsonAsync(
            "/api/instruments",
            new
            {
                instrumentId = id,
                name = "Expired water right",
                @class = "WaterRight",
                waterSource = "Surface",
                unit = "m3/yr",
                quantityStep = 1,
                validFrom = "2020-01-01",
                validTo = "2024-12-31",
                region = "Dongjiang",
                tradingProfile = "national-cea-demo",
                referencePrice = 0.1m,
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        var (_, sellerApi, _, _) = await market.SellerAndBuyer(id, 1_000, 1_000);

        Assert.Equal(
            "RIGHT_EXPIRED",
            await Market.Problem(await Market.Place(sellerApi, id, "Sell", 100, 0.1m), HttpStatusCode.UnprocessableEntity)
        );
    }
}
