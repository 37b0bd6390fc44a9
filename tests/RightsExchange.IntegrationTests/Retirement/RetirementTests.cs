using System.Net;
using System.Net.Http.Json;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.IntegrationTests.Retirement;

[Collection(ExchangeCollection.Name)]
public sealed class RetirementTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_retirement_leaves_circulation_for_good_and_its_record_is_readable_by_anyone_with_its_id()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("BAMBOO", step: 0.1m, @class: "ForestrySink");
        var (holder, holderApi) = await market.Participant("manufacturer");
        await market.Issue(sink, holder, 300);

        var retired = await holderApi.PostAsJsonAsync(
            "/api/retirements",
            new
            {
                participantId = holder,
                instrumentId = sink,
                quantity = 120.5m,
                beneficiary = "Anhui manufacturer",
                purpose = "2025 operations",
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, retired.StatusCode);

        using var anonymous = exchange.Gateway.CreateClient();
        var record = (await anonymous.GetFromJsonAsync<RetirementRecorded>(retired.Headers.Location, ExchangeFixture.Json))!;
        Assert.Equal(
            (holder, sink, 120.5m, "tCO2e", "Anhui manufacturer", "2025 operations"),
            (record.ParticipantId, record.InstrumentId, record.Quantity.Amount, record.Quantity.Unit, record.Beneficiary, record.Purpose)
        );
        Assert.Equal(new(sink, "tCO2e", 179.5m, 0m, 0m, 120.5m), await market.Holding(holder, sink));
        var line = (await market.Conservation()).Instruments.Single(i => i.InstrumentId == sink);
        Assert.Equal((300m, 179.5m, 120.5m, 0m), (line.Issued, line.Held, line.Retired, line.Difference));

        Assert.Equal(
            "INSUFFICIENT_UNITS",
            await Market.Problem(
                await holderApi.PostAsJsonAsync(
                    "/api/retirements",
                    new
                    {
                        participantId = holder,
                        instrumentId = sink,
                        quantity = 200m,
                        beneficiary = "Anhui manufacturer",
                        purpose = "too much",
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            "RETIREMENT_UNKNOWN",
            await Market.Problem(await anonymous.GetAsync($"/api/retirements/{Guid.NewGuid()}"), HttpStatusCode.NotFound)
        );
    }
}
