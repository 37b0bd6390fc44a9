using System.Net;
using System.Net.Http.Json;

namespace RightsExchange.IntegrationTests.Cancellation;

[Collection(ExchangeCollection.Name)]
public sealed class CancellationTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_regulator_cancels_units_and_conservation_counts_them()
    {
        var market = await Market.Open(exchange);
        var ccer = await market.Instrument("CCER", @class: "Ccer");
        var (holder, holderApi) = await market.Participant("developer");
        await market.Issue(ccer, holder, 1_000);

        var cancel = new
        {
            participantId = holder,
            instrumentId = ccer,
            quantity = 250m,
            reason = "Project double-counted; credits invalidated",
        };
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await holderApi.PostAsJsonAsync("/api/cancellations", cancel, ExchangeFixture.Json)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (await market.Regulator.PostAsJsonAsync("/api/cancellations", cancel, ExchangeFixture.Json)).StatusCode
        );
        Assert.Equal(new(ccer, "tCO2e", 750m, 0m, Cancelled: 250m), await market.Holding(holder, ccer));
        var line = (await market.Conservation()).Instruments.Single(i => i.InstrumentId == ccer);
        Assert.Equal((1_000m, 750m, 250m, 0m), (line.Issued, line.Held, line.Cancelled, line.Difference));
        Assert.Equal(
            "INSUFFICIENT_UNITS",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync("/api/cancellations", cancel with { quantity = 800m }, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );
    }
}
