using System.Net;
using System.Net.Http.Json;
using NodaTime;
using RightsExchange.Contracts.Values;

namespace RightsExchange.IntegrationTests.Expiry;

/// <summary>An exchange of its own: these tests move the accounts service's clock forward.</summary>
[CollectionDefinition(Name)]
public sealed class ExpiryCollection : ICollectionFixture<ExchangeFixture>
{
    public const string Name = "exchange-expiry";
}

[Collection(ExpiryCollection.Name)]
public sealed class ExpiryTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_water_right_expires_the_day_after_its_validity_and_conservation_counts_the_expired_units()
    {
        var market = await Market.Open(exchange);
        var today = MarketTime.TradingDateOf(SystemClock.Instance.GetCurrentInstant());
        var water = market.Id("WATER").ToUpperInvariant();
        (
            await market.Regulator.PostAsJsonAsync(
                "/api/instruments",
                new
                {
                    instrumentId = water,
                    name = "Water-use permit ending today",
                    @class = "WaterRight",
                    waterSource = "Surface",
                    unit = "m3/yr",
                    quantityStep = 1,
                    validFrom = "2024-01-01",
                    validTo = today.ToString("uuuu-MM-dd", null),
                    region = "CN",
                    tradingProfile = "regional-demo",
                    referencePrice = 0.1m,
                },
                ExchangeFixture.Json
            )
        ).EnsureSuccessStatusCode();
        var (a, aApi) = await market.Participant("irrigation-district");
        var (b, _) = await market.Participant("factory");
        await market.Issue(water, a, 1_000);
        (
            await aApi.PostAsJsonAsync(
                "/api/transfers",
                new
                {
                    fromParticipantId = a,
                    toParticipantId = b,
                    instrumentId = water,
                    quantity = 300,
                },
                ExchangeFixture.Json
            )
        ).EnsureSuccessStatusCode();
        Assert.Equal(
            "NOT_EXPIRED",
            await Market.Problem(
                await market.Regulator.PostAsync($"/api/instruments/{water}/expire", null),
                HttpStatusCode.UnprocessableEntity
            )
        );

        exchange.AccountsClock.Offset = Duration.FromDays(2);
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await market.Regulator.PostAsync($"/api/instruments/{water}/expire", null)).StatusCode);
            Assert.Equal(new(water, "m3/yr", 0m, 0m, Expired: 700m), await market.Holding(a, water));
            Assert.Equal(new(water, "m3/yr", 0m, 0m, Expired: 300m), await market.Holding(b, water));
            var line = (await market.Conservation()).Instruments.Single(i => i.InstrumentId == water);
            Assert.Equal((1_000m, 0m, 1_000m, 0m), (line.Issued, line.Held, line.Expired, line.Difference));
            Assert.Equal(
                "RIGHT_EXPIRED",
                await Market.Problem(
                    await aApi.PostAsJsonAsync(
                        "/api/transfers",
                        new
                        {
                            fromParticipantId = a,
                            toParticipantId = b,
                            instrumentId = water,
                            quantity = 1,
                        },
                        ExchangeFixture.Json
                    ),
                    HttpStatusCode.UnprocessableEntity
                )
            );
        }
        finally
        {
            exchange.AccountsClock.Offset = Duration.Zero;
        }
    }
}
