using System.Net;
using System.Net.Http.Json;

namespace RightsExchange.IntegrationTests.Transfers;

[Collection(ExchangeCollection.Name)]
public sealed class TransferTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task An_off_exchange_transfer_moves_units_with_its_price_and_a_bad_one_changes_nothing()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("SINK", step: 0.1m, @class: "ForestrySink");
        var (from, fromApi) = await market.Participant("forest-farm");
        var (to, toApi) = await market.Participant("cement-plant");
        await market.Issue(sink, from, 1_000);

        Assert.Equal(HttpStatusCode.Created, (await Transfer(fromApi, from, to, sink, 250.5m, 18.54m)).StatusCode);
        Assert.Equal(new(sink, "tCO2e", 749.5m, 0m), await market.Holding(from, sink));
        Assert.Equal(new(sink, "tCO2e", 250.5m, 0m), await market.Holding(to, sink));

        Assert.Equal(
            "INSUFFICIENT_UNITS",
            await Market.Problem(await Transfer(fromApi, from, to, sink, 800, null), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "SAME_ACCOUNT",
            await Market.Problem(await Transfer(fromApi, from, from, sink, 1, null), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INVALID_QUANTITY",
            await Market.Problem(await Transfer(fromApi, from, to, sink, 0.05m, null), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INVALID_PRICE",
            await Market.Problem(await Transfer(fromApi, from, to, sink, 1, 18.545m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INVALID_PRICE",
            await Market.Problem(await Transfer(fromApi, from, to, sink, 1, 1e12m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INVALID_PRICE",
            await Market.Problem(await Transfer(fromApi, from, to, sink, 1, -1m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await Transfer(toApi, from, to, sink, 1, null)).StatusCode);
        Assert.Equal(new(sink, "tCO2e", 749.5m, 0m), await market.Holding(from, sink));
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task An_erroneous_transfer_is_reversed_by_a_compensating_transfer_once_a_second_regulator_approves()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("SINK", step: 0.1m, @class: "ForestrySink");
        var (from, fromApi) = await market.Participant("forest-farm");
        var (to, _) = await market.Participant("wrong-account");
        await market.Issue(sink, from, 1_000);
        var transfer = await Transfer(fromApi, from, to, sink, 400, 18.54m);
        var transferId = System
            .Text.Json.JsonDocument.Parse(await transfer.Content.ReadAsStringAsync())
            .RootElement.GetProperty("id")
            .GetGuid();

        var proposed = await market.Regulator.PostAsJsonAsync(
            $"/api/transfers/{transferId}/reverse",
            new { reason = "Keyed to the wrong account" },
            ExchangeFixture.Json
        );
        Assert.Equal(new(sink, "tCO2e", 400m, 0m), await market.Holding(to, sink));
        Assert.Equal(HttpStatusCode.Created, (await market.Approve(proposed)).StatusCode);
        Assert.Equal(new(sink, "tCO2e", 1_000m, 0m), await market.Holding(from, sink));
        Assert.Equal(new(sink, "tCO2e", 0m, 0m), await market.Holding(to, sink));

        Assert.Equal(
            "ALREADY_REVERSED",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync(
                    $"/api/transfers/{transferId}/reverse",
                    new { reason = "again" },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            "TRANSFER_UNKNOWN",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync(
                    $"/api/transfers/{Guid.NewGuid()}/reverse",
                    new { reason = "none" },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task A_cross_basin_transfer_is_refused_until_a_regulator_approves_it()
    {
        var market = await Market.Open(exchange);
        var basin = market.Id("DJ").ToUpperInvariant();
        var water = await market.Instrument("WATER", referencePrice: 0.1m, @class: "WaterRight", unit: "m3/yr", region: basin);
        var (from, fromApi) = await market.Participant("huizhou", region: basin + "-HZ");
        var (to, toApi) = await market.Participant("shenzhen", region: "CN-GD-SZ");
        await market.Issue(water, from, 1_000_000);

        Assert.Equal(
            "REGION_NOT_ALLOWED",
            await Market.Problem(await Transfer(fromApi, from, to, water, 100_000, 0.10m), HttpStatusCode.UnprocessableEntity)
        );
        (
            await toApi.PostAsJsonAsync(
                "/api/cross-region-approvals",
                new
                {
                    participantId = to,
                    instrumentId = water,
                    reason = "Inter-basin transfer agreement",
                },
                ExchangeFixture.Json
            )
        ).EnsureSuccessStatusCode();
        (
            await market.Regulator.PostAsJsonAsync(
                $"/api/cross-region-approvals/{to}/{water}/decisions",
                new { decision = "Approve", reason = "Within the corridor quota" },
                ExchangeFixture.Json
            )
        ).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Created, (await Transfer(fromApi, from, to, water, 100_000, 0.10m)).StatusCode);
        Assert.Equal(new(water, "m3/yr", 100_000m, 0m), await market.Holding(to, water));
    }

    private static Task<HttpResponseMessage> Transfer(
        HttpClient client,
        string from,
        string to,
        string instrumentId,
        decimal quantity,
        decimal? price
    ) =>
        client.PostAsJsonAsync(
            "/api/transfers",
            new
            {
                fromParticipantId = from,
                toParticipantId = to,
                instrumentId,
                quantity,
                price,
            },
            ExchangeFixture.Json
        );
}
