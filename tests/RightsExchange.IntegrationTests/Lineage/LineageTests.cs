using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.IntegrationTests.Lineage;

/// <summary>
/// Issuance batches with serial ranges, and the lineage of every unit: first in, first out unless the holder names a
/// batch, through transfers, exchange trades, retirements and reversals, on the real services.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class LineageTests(ExchangeFixture exchange)
{
    // A sink's quantity step is 0.1 t, so one serial is 0.1 t: 100 t are 1,000 serials.
    [Fact]
    public async Task Serials_leave_first_in_first_out_or_from_a_named_batch_and_the_lineage_shows_their_path()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("SINK", step: 0.1m, @class: "ForestrySink");
        var (farm, farmApi) = await market.Participant("forest-farm");
        var (plant, plantApi) = await market.Participant("cement-plant");
        var (buyer, buyerApi) = await market.Participant("buyer");
        await market.Issue(sink, farm, 100m, project: "Shunchang forest management, tranche 1");
        await market.Issue(sink, farm, 50m, project: "Shunchang forest management, tranche 2");
        Assert.Equal(
            [new SerialBlock(1, 1, 1_000), new SerialBlock(2, 1_001, 1_500)],
            (await market.HoldingWithSerials(farm, sink))!.Serials!
        );

        // First in, first out: all of batch 1, then the start of batch 2.
        Assert.Equal(HttpStatusCode.Created, (await Transfer(farmApi, farm, plant, sink, 120m)).StatusCode);
        Assert.Equal(
            [new SerialBlock(1, 1, 1_000), new SerialBlock(2, 1_001, 1_200)],
            (await market.HoldingWithSerials(plant, sink))!.Serials!
        );
        Assert.Equal([new SerialBlock(2, 1_201, 1_500)], (await market.HoldingWithSerials(farm, sink))!.Serials!);

        // A named batch: the plant retires 10 t of batch 2, and the public record names the serials.
        var retired = await plantApi.PostAsJsonAsync(
            "/api/retirements",
            new
            {
                participantId = plant,
                instrumentId = sink,
                quantity = 10m,
                beneficiary = "Cement plant",
                purpose = "2025 kiln emissions",
                batch = 2,
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, retired.StatusCode);
        using var anonymous = exchange.Gateway.CreateClient();
        var record = (await anonymous.GetFromJsonAsync<RetirementRecorded>(retired.Headers.Location, ExchangeFixture.Json))!;
        Assert.Equal([new SerialBlock(2, 1_001, 1_100)], record.Serials!);
        Assert.Equal(
            [new SerialBlock(1, 1, 1_000), new SerialBlock(2, 1_101, 1_200)],
            (await market.HoldingWithSerials(plant, sink))!.Serials!
        );

        // An exchange trade delivers the seller's oldest serials.
        await market.Deposit(buyer, 10_000m);
        await Market.PlaceAccepted(plantApi, sink, "Sell", 5m, 97.5m);
        await Market.PlaceAccepted(buyerApi, sink, "Buy", 5m, 97.5m);
        var trade = (await market.SettledQuantity(sink, 5m)).Single();
        Assert.Equal([new SerialBlock(1, 1, 50)], (await market.HoldingWithSerials(buyer, sink))!.Serials!);

        var lineage = await market.Lineage(sink, 1, 60);
        Assert.Equal(
            ("Shunchang forest management, tranche 1", farm, new SerialBlock(1, 1, 1_000)),
            (lineage.Batches.Single().Project, lineage.Batches.Single().IssuedTo, lineage.Batches.Single().Serials)
        );
        Assert.Equal(
            [
                (SerialMovement.Issued, (string?)null, (string?)farm, new SerialBlock(1, 1, 60)),
                (SerialMovement.Transferred, farm, plant, new SerialBlock(1, 1, 60)),
                (SerialMovement.Settled, plant, buyer, new SerialBlock(1, 1, 50)),
            ],
            lineage.Path.Select(s => (s.Kind, s.From, s.To, s.Blocks.Single()))
        );
        Assert.Equal(trade.TradeId, lineage.Path[2].Reference);
        Assert.Equal(
            [
                new SerialWhereabouts(new SerialBlock(1, 1, 50), buyer, SerialMovement.Held),
                new SerialWhereabouts(new SerialBlock(1, 51, 60), plant, SerialMovement.Held),
            ],
            lineage.Whereabouts
        );

        var batch2 = await market.Lineage(sink, 1_001, 1_500);
        Assert.Equal([SerialMovement.Issued, SerialMovement.Transferred, SerialMovement.Retired], batch2.Path.Select(s => s.Kind));
        Assert.Equal(
            [
                new SerialWhereabouts(new SerialBlock(2, 1_001, 1_100), plant, SerialMovement.Retired),
                new SerialWhereabouts(new SerialBlock(2, 1_101, 1_200), plant, SerialMovement.Held),
                new SerialWhereabouts(new SerialBlock(2, 1_201, 1_500), farm, SerialMovement.Held),
            ],
            batch2.Whereabouts
        );
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task Batch_and_serial_requests_that_cannot_be_met_are_refused_with_their_reason_and_change_nothing()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("SINK", step: 0.1m, @class: "ForestrySink");
        var cea = await market.Instrument("CEA");
        var (farm, farmApi) = await market.Participant("forest-farm");
        var (plant, plantApi) = await market.Participant("cement-plant");
        await market.Issue(sink, farm, 100m);
        await market.Issue(sink, farm, 10m);
        await market.Issue(cea, farm, 100m);

        Assert.Equal(
            "PROJECT_REQUIRED",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync(
                    "/api/issuances",
                    new
                    {
                        instrumentId = sink,
                        participantId = farm,
                        quantity = 10m,
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            "INSUFFICIENT_BATCH_UNITS",
            await Market.Problem(await Transfer(farmApi, farm, plant, sink, 10m, batch: 3), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INSUFFICIENT_BATCH_UNITS",
            await Market.Problem(await Transfer(farmApi, farm, plant, sink, 100.1m, batch: 1), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "NOT_SERIALIZED",
            await Market.Problem(await Transfer(farmApi, farm, plant, cea, 10m, batch: 1), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            [new SerialBlock(1, 1, 1_000), new SerialBlock(2, 1_001, 1_100)],
            (await market.HoldingWithSerials(farm, sink))!.Serials!
        );
        Assert.Null(await market.Holding(plant, sink));

        Assert.Equal(
            "SERIALS_UNKNOWN",
            await Market.Problem(await market.Regulator.GetAsync($"/api/instruments/{sink}/lineage?first=1101"), HttpStatusCode.NotFound)
        );
        Assert.Equal(
            "SERIALS_UNKNOWN",
            await Market.Problem(await market.Regulator.GetAsync($"/api/instruments/{cea}/lineage?first=1"), HttpStatusCode.NotFound)
        );
        Assert.Equal(
            "INVALID_SERIAL_RANGE",
            await Market.Problem(
                await market.Regulator.GetAsync($"/api/instruments/{sink}/lineage?first=5&last=4"),
                HttpStatusCode.BadRequest
            )
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await plantApi.GetAsync($"/api/instruments/{sink}/lineage?first=1")).StatusCode);
    }

    [Fact]
    public async Task A_reversal_returns_the_very_serials_the_transfer_moved_and_is_refused_once_they_have_moved_on()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("SINK", step: 0.1m, @class: "ForestrySink");
        var (farm, farmApi) = await market.Participant("forest-farm");
        var (wrong, wrongApi) = await market.Participant("wrong-account");
        var (other, otherApi) = await market.Participant("other");
        await market.Issue(sink, farm, 100m);
        await market.Issue(sink, other, 100m);

        var first = await TransferId(await Transfer(farmApi, farm, wrong, sink, 10m));
        var second = await TransferId(await Transfer(farmApi, farm, wrong, sink, 10m));
        Assert.Equal([new SerialBlock(1, 1, 200)], (await market.HoldingWithSerials(wrong, sink))!.Serials!);

        // Reversing the second transfer returns serials 101-200, not the wrong account's oldest.
        Assert.Equal(HttpStatusCode.Created, (await market.Approve(await Reverse(market, second))).StatusCode);
        Assert.Equal([new SerialBlock(1, 1, 100)], (await market.HoldingWithSerials(wrong, sink))!.Serials!);
        Assert.Equal(
            [new SerialBlock(1, 201, 1_000), new SerialBlock(1, 101, 200)],
            (await market.HoldingWithSerials(farm, sink))!.Serials!
        );

        // The wrong account passes serials 1-100 on and receives 10 t of other serials: the units are there, the serials are not.
        Assert.Equal(HttpStatusCode.Created, (await Transfer(wrongApi, wrong, other, sink, 10m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Transfer(otherApi, other, wrong, sink, 10m)).StatusCode);
        Assert.Equal(new(sink, "tCO2e", 10m, 0m), await market.Holding(wrong, sink));
        Assert.Equal("SERIALS_MOVED_ON", await Market.Problem(await Reverse(market, first), HttpStatusCode.UnprocessableEntity));

        var path = (await market.Lineage(sink, 101, 200)).Path.Select(s => (s.Kind, s.From, s.To));
        Assert.Equal(
            [
                (SerialMovement.Issued, null, farm),
                (SerialMovement.Transferred, farm, wrong),
                (SerialMovement.TransferReversed, wrong, farm),
            ],
            path
        );
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task An_erroneous_issuance_is_reversed_by_withdrawing_its_batch_once_a_second_regulator_approves()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("SINK", step: 0.1m, @class: "ForestrySink");
        var (farm, farmApi) = await market.Participant("forest-farm");
        var (plant, _) = await market.Participant("cement-plant");
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await Issue(market, first, sink, farm, 100m);
        await Issue(market, second, sink, farm, 50m);
        Assert.Equal(HttpStatusCode.Created, (await Transfer(farmApi, farm, plant, sink, 10m)).StatusCode);

        // Batch 1's serials 1-100 moved on to the plant; batch 2 is whole in the farm's account.
        Assert.Equal("SERIALS_MOVED_ON", await Market.Problem(await ReverseIssuance(market, first), HttpStatusCode.UnprocessableEntity));
        var proposed = await ReverseIssuance(market, second);
        Assert.Equal(new(sink, "tCO2e", 140m, 0m), await market.Holding(farm, sink));
        Assert.Equal(HttpStatusCode.Created, (await market.Approve(proposed)).StatusCode);

        Assert.Equal([new SerialBlock(1, 101, 1_000)], (await market.HoldingWithSerials(farm, sink))!.Serials!);
        Assert.Equal(new(sink, "tCO2e", 90m, 0m), await market.Holding(farm, sink));
        var conserved = (await market.Conservation()).Instruments.Single(i => i.InstrumentId == sink);
        Assert.Equal((100m, 100m, 0m), (conserved.Issued, conserved.Held, conserved.Difference));
        Assert.Equal(
            [new SerialWhereabouts(new SerialBlock(2, 1_001, 1_500), farm, SerialMovement.IssuanceReversed)],
            (await market.Lineage(sink, 1_001, 1_500)).Whereabouts
        );

        Assert.Equal("ALREADY_REVERSED", await Market.Problem(await ReverseIssuance(market, second), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(
            "ISSUANCE_UNKNOWN",
            await Market.Problem(await ReverseIssuance(market, Guid.NewGuid()), HttpStatusCode.UnprocessableEntity)
        );
    }

    private static async Task Issue(Market market, Guid issuanceId, string instrumentId, string participantId, decimal quantity)
    {
        var approved = await market.Approve(
            await market.Regulator.PostAsJsonAsync(
                "/api/issuances",
                new
                {
                    issuanceId,
                    instrumentId,
                    participantId,
                    quantity,
                    project = "Shunchang forest management",
                },
                ExchangeFixture.Json
            )
        );
        Assert.Equal(HttpStatusCode.Created, approved.StatusCode);
    }

    private static Task<HttpResponseMessage> ReverseIssuance(Market market, Guid issuanceId) =>
        market.Regulator.PostAsJsonAsync(
            $"/api/issuances/{issuanceId}/reverse",
            new { reason = "Issued twice from one verification report" },
            ExchangeFixture.Json
        );

    private static Task<HttpResponseMessage> Transfer(
        HttpClient api,
        string from,
        string to,
        string instrumentId,
        decimal quantity,
        int? batch = null
    ) =>
        api.PostAsJsonAsync(
            "/api/transfers",
            new
            {
                fromParticipantId = from,
                toParticipantId = to,
                instrumentId,
                quantity,
                batch,
            },
            ExchangeFixture.Json
        );

    private static Task<HttpResponseMessage> Reverse(Market market, Guid transferId) =>
        market.Regulator.PostAsJsonAsync(
            $"/api/transfers/{transferId}/reverse",
            new { reason = "Keyed to the wrong account" },
            ExchangeFixture.Json
        );

    private static async Task<Guid> TransferId(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }
}
