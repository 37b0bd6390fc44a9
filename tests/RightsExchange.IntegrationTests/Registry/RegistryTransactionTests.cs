using System.Net;
using System.Net.Http.Json;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.IntegrationTests.Registry;

[Collection(ExchangeCollection.Name)]
public sealed class RegistryTransactionTests(ExchangeFixture exchange)
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
