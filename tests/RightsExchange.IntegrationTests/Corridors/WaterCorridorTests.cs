using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.IntegrationTests.Corridors;

/// <summary>
/// A capacity-limited water corridor (the fixture's <c>test-valley</c>: TEST-BASIN to CN-TEST-VALLEY, 1,000 m³ a
/// year): transfers beyond the volume left wait first come, first served, and are made, or dropped with the reason,
/// as water coming back into the basin frees volume.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class WaterCorridorTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task Transfers_beyond_the_corridor_volume_queue_in_order_and_are_served_as_water_comes_back()
    {
        var market = await Market.Open(exchange);
        var water = await market.Instrument("WATER", @class: "WaterRight", unit: "m3/yr", region: "TEST-BASIN");
        var (upstream, upstreamApi) = await market.Participant("upstream", region: "TEST-BASIN");
        var (neighbour, _) = await market.Participant("neighbour", region: "TEST-BASIN");
        var (a, aApi) = await market.Participant("valley-a", region: "CN-TEST-VALLEY-A");
        var (b, bApi) = await market.Participant("valley-b", region: "CN-TEST-VALLEY-B");
        var (c, cApi) = await market.Participant("valley-c", region: "CN-TEST-VALLEY-C");
        var (elsewhere, _) = await market.Participant("elsewhere", region: "CN-ELSEWHERE");
        await market.Issue(water, upstream, 5_000m);
        Assert.Equal((1_000m, 0m, 1_000m), Figures(await Corridor(market.Regulator)));

        Assert.Equal(HttpStatusCode.Created, (await Transfer(upstreamApi, upstream, a, water, 600m)).StatusCode);
        var toB = await Queued(await Transfer(upstreamApi, upstream, b, water, 500m));
        // 300 would fit the 400 left, but first come, first served: it waits behind the 500.
        var toC = await Queued(await Transfer(upstreamApi, upstream, c, water, 300m));
        Assert.Equal(
            "EXCEEDS_CORRIDOR_VOLUME",
            await Market.Problem(await Transfer(upstreamApi, upstream, c, water, 1_001m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "REGION_NOT_ALLOWED",
            await Market.Problem(await Transfer(upstreamApi, upstream, elsewhere, water, 10m), HttpStatusCode.UnprocessableEntity)
        );

        // The same transfer sent again under another message id (a client that lost the answer) is not queued twice.
        var again = await SendAgain(new TransferUnits(toB, upstream, b, water, 500m, 0.10m, "trader-upstream"));
        Assert.Equal((toB, RegistryActionKind.CorridorQueue), (again.ActionId, again.Kind));

        var corridor = await Corridor(market.Regulator);
        Assert.Equal((1_000m, 600m, 400m), Figures(corridor));
        Assert.Equal(
            [(1, toB, (string?)b, 500m), (2, toC, c, 300m)],
            corridor.Queue.Select(q => (q.Position, q.TransferId, q.ToParticipantId, q.Quantity))
        );
        Assert.Null(await market.Holding(b, water));
        // A party sees its own queued transfer's parties; anyone else sees the queue without them.
        Assert.Equal([(string?)null, c], (await Corridor(cApi)).Queue.Select(q => q.ToParticipantId));

        // 200 m³ come back into the basin: 600 are free, so the 500 goes through; the 300 still does not fit.
        Assert.Equal(HttpStatusCode.Created, (await Transfer(aApi, a, upstream, water, 200m)).StatusCode);
        Assert.Equal(new(water, "m3/yr", 500m, 0m), await market.Holding(b, water));
        var made = await exchange
            .Accounts.Services.GetRequiredService<IBus>()
            .CreateRequestClient<TransferUnits>()
            .GetResponse<RegistryCommandRejected>(new TransferUnits(toB, upstream, b, water, 500m, 0.10m, "trader-upstream"));
        Assert.Equal("TRANSFER_EXISTS", made.Message.Reason);
        corridor = await Corridor(market.Regulator);
        Assert.Equal((1_000m, 900m, 100m), Figures(corridor));
        Assert.Equal([toC], corridor.Queue.Select(q => q.TransferId));

        // By the time the 300's turn comes, the upstream user has passed all its water to a neighbour: it is dropped.
        Assert.Equal(HttpStatusCode.Created, (await Transfer(upstreamApi, upstream, neighbour, water, 4_100m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Transfer(bApi, b, neighbour, water, 500m)).StatusCode);
        corridor = await Corridor(market.Regulator);
        Assert.Equal((1_000m, 400m, 600m), Figures(corridor));
        Assert.Empty(corridor.Queue);
        Assert.Equal([(toC, "INSUFFICIENT_UNITS")], corridor.Dropped.Select(d => (d.TransferId, d.Reason)));
        Assert.Null(await market.Holding(c, water));
        Assert.True((await market.Conservation()).Balanced);
    }

    private async Task<RegistryCommandPending> SendAgain(TransferUnits transfer) =>
        (
            await exchange
                .Accounts.Services.GetRequiredService<IBus>()
                .CreateRequestClient<TransferUnits>()
                .GetResponse<RegistryCommandPending>(transfer)
        ).Message;

    private static (decimal Volume, decimal Used, decimal Remaining) Figures(WaterCorridorView c) => (c.Volume, c.Used, c.Remaining);

    private static async Task<WaterCorridorView> Corridor(HttpClient reader) =>
        (await reader.GetFromJsonAsync<WaterCorridorList>("/api/water-corridors", ExchangeFixture.Json))!.Corridors.Single(c =>
            c.CorridorId == "test-valley"
        );

    private static Task<HttpResponseMessage> Transfer(HttpClient api, string from, string to, string instrumentId, decimal quantity) =>
        api.PostAsJsonAsync(
            "/api/transfers",
            new
            {
                fromParticipantId = from,
                toParticipantId = to,
                instrumentId,
                quantity,
                price = 0.10m,
            },
            ExchangeFixture.Json
        );

    private static async Task<Guid> Queued(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("/api/water-corridors", response.Headers.Location!.ToString());
        return JsonDocument.Parse(body).RootElement.GetProperty("transferId").GetGuid();
    }
}
