using System.Net;
using System.Net.Http.Json;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.IntegrationTests.Pledges;

[Collection(ExchangeCollection.Name)]
public sealed class PledgeTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task Pledged_units_are_frozen_until_the_pledgee_releases_them_or_a_regulator_enforces_the_pledge()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("FMS", referencePrice: 18.54m, step: 0.1m, @class: "ForestrySink");
        var (farm, farmApi) = await market.Participant("forest-farm");
        var (bank, bankApi) = await market.Participant("bank");
        await market.Issue(sink, farm, 1_000);

        var first = await Pledge(farmApi, farm, bank, sink, 600);
        Assert.Equal(new(sink, "tCO2e", 400m, 0m, 600m), await market.Holding(farm, sink));
        Assert.Equal(
            "INSUFFICIENT_UNITS",
            await Market.Problem(await Market.Place(farmApi, sink, "Sell", 500, 18.54m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal("NOT_PLEDGEE", await Market.Problem(await End(farmApi, first, "release"), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(HttpStatusCode.Forbidden, (await End(bankApi, first, "enforce")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await End(bankApi, first, "release")).StatusCode);
        Assert.Equal(new(sink, "tCO2e", 1_000m, 0m), await market.Holding(farm, sink));
        Assert.Equal("PLEDGE_NOT_ACTIVE", await Market.Problem(await End(bankApi, first, "release"), HttpStatusCode.UnprocessableEntity));

        var second = await Pledge(farmApi, farm, bank, sink, 300);
        Assert.Equal(HttpStatusCode.Created, (await market.Approve(await End(market.Regulator, second, "enforce"))).StatusCode);
        Assert.Equal(new(sink, "tCO2e", 700m, 0m), await market.Holding(farm, sink));
        Assert.Equal(new(sink, "tCO2e", 300m, 0m), await market.Holding(bank, sink));
        var view = (await bankApi.GetFromJsonAsync<PledgeView>($"/api/pledges/{second}", ExchangeFixture.Json))!;
        Assert.Equal(("Enforced", "Default on loan FJ-2025-017"), (view.Status, view.Ending!.Reason));
        var (_, strangerApi) = await market.Participant("stranger");
        Assert.Equal(HttpStatusCode.Forbidden, (await strangerApi.GetAsync($"/api/pledges/{second}")).StatusCode);
        Assert.True((await market.Conservation()).Balanced);
    }

    private static async Task<Guid> Pledge(HttpClient client, string pledgor, string pledgee, string instrumentId, decimal quantity)
    {
        var response = await client.PostAsJsonAsync(
            "/api/pledges",
            new
            {
                pledgorId = pledgor,
                pledgeeId = pledgee,
                instrumentId,
                quantity,
                reference = "Loan FJ-2025-017",
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static Task<HttpResponseMessage> End(HttpClient client, Guid pledgeId, string action) =>
        client.PostAsJsonAsync(
            $"/api/pledges/{pledgeId}/{action}",
            new { reason = action == "enforce" ? "Default on loan FJ-2025-017" : "Loan repaid" },
            ExchangeFixture.Json
        );
}
