using System.Net;
using System.Net.Http.Json;

namespace RightsExchange.IntegrationTests.Instruments;

[Collection(ExchangeCollection.Name)]
public sealed class InstrumentListingTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_listing_names_a_configured_trading_profile_and_a_reference_price_on_its_tick()
    {
        var market = await Market.Open(exchange);
        Task<HttpResponseMessage> List(string name, string profile, decimal referencePrice) =>
            market.Regulator.PostAsJsonAsync(
                "/api/instruments",
                new
                {
                    instrumentId = market.Id(name).ToUpperInvariant(),
                    name,
                    @class = "Allowance",
                    unit = "tCO2e",
                    quantityStep = 1m,
                    vintage = 2024,
                    region = "CN",
                    tradingProfile = profile,
                    referencePrice,
                },
                ExchangeFixture.Json
            );

        Assert.Equal(
            "INVALID_TRADING_PROFILE",
            await Market.Problem(await List("CEA-P", "no-such-profile", 97.5m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INVALID_REFERENCE_PRICE",
            await Market.Problem(await List("CEA-T", "national-cea-demo", 97.505m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(HttpStatusCode.Created, (await List("CEA-OK", "national-cea-demo", 97.5m)).StatusCode);
    }

    [Fact]
    public async Task A_pollutant_right_names_its_pollutant_and_a_water_right_its_source_and_no_other_right_names_either()
    {
        var market = await Market.Open(exchange);
        Task<HttpResponseMessage> List(string name, string @class, string? pollutant, string? waterSource) =>
            market.Regulator.PostAsJsonAsync(
                "/api/instruments",
                new
                {
                    instrumentId = market.Id(name).ToUpperInvariant(),
                    name,
                    @class,
                    unit = "t/yr",
                    quantityStep = 0.001m,
                    region = "CN-HB-Wuhan",
                    tradingProfile = "regional-demo",
                    pollutant,
                    waterSource,
                },
                ExchangeFixture.Json
            );

        Assert.Equal(
            "INVALID_POLLUTANT",
            await Market.Problem(await List("SO2-A", "PollutantRight", null, null), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INVALID_POLLUTANT",
            await Market.Problem(await List("CEA-A", "Allowance", "SO2", null), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INVALID_WATER_SOURCE",
            await Market.Problem(await List("WATER-A", "WaterRight", null, null), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INVALID_WATER_SOURCE",
            await Market.Problem(await List("SO2-B", "PollutantRight", "SO2", "Ground"), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(HttpStatusCode.Created, (await List("SO2-C", "PollutantRight", "SO2", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await List("WATER-B", "WaterRight", null, "Ground")).StatusCode);
    }
}
