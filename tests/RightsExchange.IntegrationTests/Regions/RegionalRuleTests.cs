using System.Net;
using System.Net.Http.Json;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.IntegrationTests.Regions;

[Collection(ExchangeCollection.Name)]
public sealed class RegionalRuleTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_water_right_goes_outside_its_basin_only_with_an_approval_and_a_revoked_one_fails_the_settlement()
    {
        var market = await Market.Open(exchange);
        var basin = market.Id("BASIN").ToUpperInvariant();
        var water = await market.Instrument("WATER", referencePrice: 0.10m, @class: "WaterRight", unit: "m3/yr", region: basin);
        var (seller, sellerApi) = await market.Participant("upstream", region: basin + "-CITY");
        var (buyer, buyerApi) = await market.Participant("outsider", region: "CN-AH");
        await market.Issue(water, seller, 10_000);
        await market.Deposit(buyer, 5_000);
        var approval = $"/api/cross-region-approvals/{buyer}/{water}";

        Assert.Equal(
            "REGION_NOT_ALLOWED",
            await Market.Problem(await Market.Place(buyerApi, water, "Buy", 1_000, 0.10m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal("None", (await View(buyerApi, approval)).Status);

        var request = new
        {
            participantId = buyer,
            instrumentId = water,
            reason = "Irrigation district supply contract 2025",
        };
        Assert.Equal(
            HttpStatusCode.Created,
            (await buyerApi.PostAsJsonAsync("/api/cross-region-approvals", request, ExchangeFixture.Json)).StatusCode
        );
        Assert.Equal(
            "ALREADY_PENDING",
            await Market.Problem(
                await buyerApi.PostAsJsonAsync("/api/cross-region-approvals", request, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            "REGION_NOT_ALLOWED",
            await Market.Problem(await Market.Place(buyerApi, water, "Buy", 1_000, 0.10m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await buyerApi.PostAsJsonAsync($"{approval}/decisions", new { decision = "Approve", reason = "mine" }, ExchangeFixture.Json)
            ).StatusCode
        );
        Assert.Equal(
            "WITHIN_REGION",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync(
                    "/api/cross-region-approvals",
                    new
                    {
                        participantId = seller,
                        instrumentId = water,
                        reason = "not needed",
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );

        Assert.Equal(
            HttpStatusCode.Created,
            (await Decide(market, approval, "Approve", "Within the basin's inter-basin transfer quota")).StatusCode
        );
        await Market.PlaceAccepted(buyerApi, water, "Buy", 1_000, 0.10m);
        await Market.PlaceAccepted(sellerApi, water, "Sell", 1_000, 0.10m);
        await Eventually.True(async () => (await market.Trades(water)).SingleOrDefault()?.Status == "Scheduled", "the scheduled trade");

        // The approval is withdrawn before the net cycle: the trade fails and both reservations are released.
        Assert.Equal(HttpStatusCode.Created, (await Decide(market, approval, "Revoke", "Quota exhausted")).StatusCode);
        (await market.Regulator.PostAsync("/api/settlement-cycles", null)).EnsureSuccessStatusCode();
        var failed = await Eventually.Value(
            async () => (await market.Trades(water)).SingleOrDefault(t => t.Status == "Failed"),
            "the failed settlement"
        );
        Assert.Equal("REGION_NOT_ALLOWED", failed.FailureReason);
        await Eventually.True(async () => (await market.Account(buyer)).Cash == new CashLine(5_000m, 0m), "the buyer's released cash");
        Assert.Equal(new(water, "m3/yr", 10_000m, 0m), await market.Holding(seller, water));

        var history = await View(market.Regulator, approval);
        Assert.Equal("Revoked", history.Status);
        Assert.Equal(["Requested", "Approve", "Revoke"], history.History.Select(h => h.Step));
        Assert.Equal(
            "NOT_APPROVED",
            await Market.Problem(await Decide(market, approval, "Revoke", "again"), HttpStatusCode.UnprocessableEntity)
        );
    }

    [Fact]
    public async Task A_right_that_is_not_region_bound_needs_no_approval()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("SINK", @class: "ForestrySink", step: 0.1m, region: "CN-FJ");
        var (buyer, buyerApi) = await market.Participant("far-buyer", region: "CN-HE");

        Assert.Equal(
            "NOT_REGION_BOUND",
            await Market.Problem(
                await buyerApi.PostAsJsonAsync(
                    "/api/cross-region-approvals",
                    new
                    {
                        participantId = buyer,
                        instrumentId = sink,
                        reason = "not needed",
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
    }

    private static Task<HttpResponseMessage> Decide(Market market, string approval, string decision, string reason) =>
        market.Regulator.PostAsJsonAsync($"{approval}/decisions", new { decision, reason }, ExchangeFixture.Json);

    private static async Task<CrossRegionApprovalView> View(HttpClient client, string approval) =>
        (await client.GetFromJsonAsync<CrossRegionApprovalView>(approval, ExchangeFixture.Json))!;
}
