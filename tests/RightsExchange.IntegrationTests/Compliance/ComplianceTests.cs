using System.Net;
using System.Net.Http.Json;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.IntegrationTests.Compliance;

[Collection(ExchangeCollection.Name)]
public sealed class ComplianceTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task An_entity_surrenders_allowances_and_CCER_up_to_five_percent_and_becomes_compliant()
    {
        var market = await Market.Open(exchange);
        var cea = await Listed(market, "CEA", "Allowance", vintage: 2024, share: 1m);
        var cea2026 = await Listed(market, "CEA26", "Allowance", vintage: 2026, share: 1m);
        var ccer = await Listed(market, "CCER", "Ccer", vintage: 2024, share: 0.05m);
        var sink = await Listed(market, "SINK", "ForestrySink", vintage: 2024, share: null);
        var (steel, steelApi) = await market.Participant("steel-mill");
        foreach (var (instrument, quantity) in new[] { (cea, 40_000m), (cea2026, 1_000m), (ccer, 3_000m), (sink, 100m) })
            await market.Issue(instrument, steel, quantity);

        Assert.Equal("EMISSIONS_NOT_VERIFIED", await Refused(await Surrender(steelApi, steel, cea, 100)));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await steelApi.PostAsJsonAsync(
                    "/api/compliance/emissions",
                    new
                    {
                        participantId = steel,
                        period = 2024,
                        emissions = 1,
                    },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await market.Regulator.PostAsJsonAsync(
                    "/api/compliance/emissions",
                    new
                    {
                        participantId = steel,
                        period = 2024,
                        emissions = 36_000m,
                        deadline = "2099-12-31",
                    },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );
        Assert.Equal(("NotYetDue", 36_000m), await Status(steelApi, steel));

        Assert.Equal("NOT_ELIGIBLE", await Refused(await Surrender(steelApi, steel, sink, 100)));
        Assert.Equal("VINTAGE_NOT_ELIGIBLE", await Refused(await Surrender(steelApi, steel, cea2026, 100)));
        Assert.Equal("OFFSET_LIMIT", await Refused(await Surrender(steelApi, steel, ccer, 1_801)));
        Assert.Equal(HttpStatusCode.Created, (await Surrender(steelApi, steel, ccer, 1_800)).StatusCode);
        Assert.Equal("OFFSET_LIMIT", await Refused(await Surrender(steelApi, steel, ccer, 1)));
        Assert.Equal("EXCEEDS_OBLIGATION", await Refused(await Surrender(steelApi, steel, cea, 34_201)));
        Assert.Equal(HttpStatusCode.Created, (await Surrender(steelApi, steel, cea, 34_200)).StatusCode);

        var status = (await steelApi.GetFromJsonAsync<ComplianceStatus>($"/api/compliance/{steel}/2024", ExchangeFixture.Json))!;
        Assert.Equal(("Compliant", 36_000m, 1_800m, 0m), (status.Status, status.Surrendered, status.Offsets, status.Outstanding));
        Assert.Equal(new(cea, "tCO2e", 5_800m, 0m, 0m, 0m, 34_200m), await market.Holding(steel, cea));
        var conservation = await market.Conservation();
        Assert.True(conservation.Balanced);
        Assert.Equal(1_800m, conservation.Instruments.Single(i => i.InstrumentId == ccer).Surrendered);
        var (_, otherApi) = await market.Participant("other");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherApi.GetAsync($"/api/compliance/{steel}/2024")).StatusCode);
    }

    private static async Task<string> Listed(Market market, string name, string @class, int vintage, decimal? share)
    {
        var id = market.Id(name).ToUpperInvariant();
        var response = await market.Regulator.PostAsJsonAsync(
            "/api/instruments",
            new
            {
                instrumentId = id,
                name,
                @class,
                unit = "tCO2e",
                quantityStep = 1,
                vintage,
                region = "CN",
                tradingProfile = "national-cea-demo",
                referencePrice = 97.5m,
                complianceShare = share,
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    private static Task<HttpResponseMessage> Surrender(HttpClient client, string participant, string instrumentId, decimal quantity) =>
        client.PostAsJsonAsync(
            "/api/surrenders",
            new
            {
                participantId = participant,
                period = 2024,
                instrumentId,
                quantity,
            },
            ExchangeFixture.Json
        );

    private static Task<string> Refused(HttpResponseMessage response) => Market.Problem(response, HttpStatusCode.UnprocessableEntity);

    private static async Task<(string, decimal)> Status(HttpClient client, string participant)
    {
        var status = (await client.GetFromJsonAsync<ComplianceStatus>($"/api/compliance/{participant}/2024", ExchangeFixture.Json))!;
        return (status.Status, status.Outstanding);
    }
}
