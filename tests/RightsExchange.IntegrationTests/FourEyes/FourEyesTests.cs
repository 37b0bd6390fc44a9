using System.Net;
using System.Net.Http.Json;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.IntegrationTests.FourEyes;

[Collection(ExchangeCollection.Name)]
public sealed class FourEyesTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task An_issuance_takes_effect_only_when_a_second_regulator_approves_it()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("SINK", step: 0.1m, @class: "ForestrySink");
        var (farm, _) = await market.Participant("farm");

        var proposed = await market.Regulator.PostAsJsonAsync(
            "/api/issuances",
            new
            {
                instrumentId = sink,
                participantId = farm,
                quantity = 500m,
                project = "Shunchang forest management",
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var action = proposed.Headers.Location!.ToString();
        Assert.Null(await market.Holding(farm, sink));
        var pending = (
            await market.SecondRegulator.GetFromJsonAsync<RegistryActionList>("/api/registry-actions?pending=true", ExchangeFixture.Json)
        )!;
        Assert.Contains(pending.Actions, a =>
            action.EndsWith(a.ActionId.ToString()) && a.Kind == "Issuance" && a.ProposedBy == "test-regulator"
        );

        Assert.Equal(
            "SAME_REGULATOR",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync($"{action}/approve", new { reason = "mine" }, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await market.SecondRegulator.PostAsJsonAsync($"{action}/approve", new { reason = "Verified" }, ExchangeFixture.Json)
            ).StatusCode
        );
        Assert.Equal(new(sink, "tCO2e", 500m, 0m), await market.Holding(farm, sink));
        Assert.Equal(
            "NOT_PENDING",
            await Market.Problem(
                await market.SecondRegulator.PostAsJsonAsync($"{action}/approve", new { reason = "again" }, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task A_rejected_issuance_issues_nothing_and_a_bad_one_is_refused_before_it_is_proposed()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("SINK", step: 0.1m, @class: "ForestrySink");
        var (farm, farmApi) = await market.Participant("farm");

        var proposed = await market.Regulator.PostAsJsonAsync(
            "/api/issuances",
            new
            {
                instrumentId = sink,
                participantId = farm,
                quantity = 500m,
                project = "Shunchang forest management",
            },
            ExchangeFixture.Json
        );
        var action = proposed.Headers.Location!.ToString();
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await market.SecondRegulator.PostAsJsonAsync(
                    $"{action}/reject",
                    new { reason = "No verification report" },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );
        Assert.Null(await market.Holding(farm, sink));
        var all = (await market.Regulator.GetFromJsonAsync<RegistryActionList>("/api/registry-actions", ExchangeFixture.Json))!;
        Assert.Contains(all.Actions, a =>
            action.EndsWith(a.ActionId.ToString())
            && a is { Status: "Rejected", DecidedBy: "test-regulator-2", Reason: "No verification report" }
        );

        Assert.Equal(
            "INVALID_QUANTITY",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync(
                    "/api/issuances",
                    new
                    {
                        instrumentId = sink,
                        participantId = farm,
                        quantity = 0.05m,
                        project = "Shunchang forest management",
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await farmApi.GetAsync("/api/registry-actions")).StatusCode);
    }

    [Fact]
    public async Task Allowances_are_allocated_to_compliance_entities_for_their_vintage_once_a_second_regulator_approves()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var plant = market.Id("power-plant");
        (
            await market.Regulator.PostAsJsonAsync(
                "/api/participants",
                new
                {
                    participantId = plant,
                    name = "Power plant",
                    kind = "ComplianceEntity",
                    region = "CN-GD",
                },
                ExchangeFixture.Json
            )
        ).EnsureSuccessStatusCode();
        var (investor, _) = await market.Participant("investor");

        Assert.Equal(
            "ALLOCATION_NOT_ELIGIBLE",
            await Market.Problem(await Allocate(market, investor, cea, 2024), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "ALLOCATION_NOT_ELIGIBLE",
            await Market.Problem(await Allocate(market, plant, cea, 2025), HttpStatusCode.UnprocessableEntity)
        );
        var proposed = await Allocate(market, plant, cea, 2024);
        var pending = (
            await market.SecondRegulator.GetFromJsonAsync<RegistryActionList>("/api/registry-actions?pending=true", ExchangeFixture.Json)
        )!;
        Assert.Contains(pending.Actions, a => a.Kind == "Allocation" && a.Summary == $"Allocate 120000 {cea} to {plant} for 2024");
        Assert.Equal(HttpStatusCode.Created, (await market.Approve(proposed)).StatusCode);
        Assert.Equal(new(cea, "tCO2e", 120_000m, 0m), await market.Holding(plant, cea));
    }

    [Fact]
    public async Task A_holder_of_an_approver_role_decides_proposals_and_nothing_else_and_a_trader_decides_none()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("SINK", step: 0.1m, @class: "ForestrySink");
        var (farm, farmApi) = await market.Participant("farm");
        var supervisor = await exchange.Supervisor();

        var issuance = new
        {
            instrumentId = sink,
            participantId = farm,
            quantity = 500m,
            project = "Shunchang forest management",
        };
        var proposed = await market.Regulator.PostAsJsonAsync("/api/issuances", issuance, ExchangeFixture.Json);
        var action = proposed.Headers.Location!.ToString();
        var approve = new { reason = "Verified" };
        var json = ExchangeFixture.Json;
        Assert.Equal(HttpStatusCode.Forbidden, (await farmApi.PostAsJsonAsync($"{action}/approve", approve, json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/issuances", issuance, json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync($"/api/accounts/{farm}")).StatusCode);

        var pending = (await supervisor.GetFromJsonAsync<RegistryActionList>("/api/registry-actions?pending=true", ExchangeFixture.Json))!;
        Assert.Contains(pending.Actions, a => action.EndsWith(a.ActionId.ToString()));
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync($"{action}/approve", approve, json)).StatusCode);
        var all = (await market.Regulator.GetFromJsonAsync<RegistryActionList>("/api/registry-actions", ExchangeFixture.Json))!;
        Assert.Contains(all.Actions, a =>
            action.EndsWith(a.ActionId.ToString())
            && a is { Status: "Approved", ProposedBy: "test-regulator", DecidedBy: "test-supervisor" }
        );
        Assert.Equal(new(sink, "tCO2e", 500m, 0m), await market.Holding(farm, sink));
    }

    private static Task<HttpResponseMessage> Allocate(Market market, string participantId, string instrumentId, int period) =>
        market.Regulator.PostAsJsonAsync(
            "/api/allocations",
            new
            {
                participantId,
                instrumentId,
                period,
                quantity = 120_000m,
            },
            ExchangeFixture.Json
        );
}
