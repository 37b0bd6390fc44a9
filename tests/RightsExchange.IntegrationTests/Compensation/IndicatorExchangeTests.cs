using System.Net;
using System.Net.Http.Json;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Public.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.IntegrationTests.Subscribers;
using static RightsExchange.IntegrationTests.Compensation.AgreementTerms;

namespace RightsExchange.IntegrationTests.Compensation;

/// <summary>
/// The Beijing GEP-R case: a district above its target is issued its surplus in indicator units, a district below owes
/// its shortfall, buys units on the exchange and surrenders them through the compliance machinery.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class IndicatorExchangeTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_district_short_of_its_target_buys_the_surplus_of_another_and_surrenders_it()
    {
        var market = await Market.Open(exchange);
        var (yanqing, yanqingApi) = await market.Participant("yanqing", "CN-BJ", kind: "Government");
        var (chaoyang, chaoyangApi) = await market.Participant("chaoyang", "CN-BJ", kind: "Government");
        var (monitor, monitorApi) = await market.Participant("bj-ecology-centre", "CN-BJ", kind: "MonitoringBody");
        var gepr = await market.Instrument("GEPR", step: 1m, @class: "EcosystemIndicator", unit: "10k CNY", region: "CN-BJ");
        await market.Deposit(chaoyang, 100_000m);

        var terms = Terms(
            "Beijing GEP-R (test)",
            CompensationFormulas.IndicatorTarget,
            [Member(yanqing), Member(chaoyang)],
            [
                Section("YANQING", "Yanqing District", yanqing, target: 1_200m),
                Section("CHAOYANG", "Chaoyang District", chaoyang, target: 800m),
            ],
            [Indicator("GEP-R", 1m, unit: "10k CNY")],
            0m,
            2025,
            2025,
            "None: districts exchange indicator units"
        ) with
        {
            IndicatorInstrumentId = gepr,
        };
        var proposed = await market.Regulator.PostAsJsonAsync("/api/compensation/agreements", terms, ExchangeFixture.Json);
        Assert.Equal(HttpStatusCode.Created, (await market.Approve(proposed)).StatusCode);
        var agreement = $"/api/compensation/agreements/{(await proposed.Content.ReadFromJsonAsync<Proposal>(ExchangeFixture.Json))!.Id}";

        Assert.Equal("INVALID_VALUE", await Market.Problem(await Observe("YANQING", 1_500.5m), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(HttpStatusCode.Created, (await Observe("YANQING", 1_500m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Observe("CHAOYANG", 600m)).StatusCode);

        var start = await FeedStreamTests.FeedHead(exchange);
        var answer = await market.Regulator.PostAsJsonAsync($"{agreement}/assessments", new { year = 2025 }, ExchangeFixture.Json);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var year = (await answer.Content.ReadFromJsonAsync<CompensationYearView>(ExchangeFixture.Json))!;
        Assert.Equal(("Issued", $"SHORTFALL: {chaoyang} 200"), (year.Status, year.Assessment.Decision));
        Assert.Equal(
            [(yanqing, 300m, 0m), (chaoyang, 0m, 200m)],
            year.Assessment.Balances!.Select(b => (b.PartyId, b.Surplus, b.Shortfall))
        );
        Assert.Equal(300m, (await market.Holding(yanqing, gepr))!.Available);
        var subject = agreement.Split('/')[^1];
        var feed = await FeedStreamTests.Read(exchange.Gateway.CreateClient(), $"/api/feed?after={start}", r =>
            r.Any(e => e.Subject == subject && e.Type == CloudEventTypes.CompensationIndicatorsSettled)
        );
        var record = feed.Single(e => e.Subject == subject && e.Type == CloudEventTypes.CompensationIndicatorsSettled).Data;
        Assert.Equal(
            ($"SHORTFALL: {chaoyang} 200", gepr),
            (record.GetProperty("decision").GetString(), record.GetProperty("instrumentId").GetString())
        );
        var owed = await Status(chaoyang);
        Assert.Equal(
            (200m, 200m, gepr, ComplianceState.NotYetDue),
            (owed.Emissions, owed.Outstanding, owed.ObligationInstrument, owed.Status)
        );
        Assert.Equal(
            "ALREADY_PAID",
            await Market.Problem(
                await market.Regulator.PostAsJsonAsync($"{agreement}/assessments", new { year = 2025 }, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );

        // The surplus district sells on the exchange; the district short of its target buys and surrenders.
        await Market.PlaceAccepted(yanqingApi, gepr, "Sell", 200m, 97.5m);
        await Market.PlaceAccepted(chaoyangApi, gepr, "Buy", 200m, 97.5m);
        await market.SettledQuantity(gepr, 200m);
        Assert.Equal(
            "EMISSIONS_NOT_VERIFIED",
            await Market.Problem(await Surrender(yanqingApi, yanqing, 100m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(HttpStatusCode.Created, (await Surrender(chaoyangApi, chaoyang, 200m)).StatusCode);
        Assert.Equal((0m, ComplianceState.Compliant), ((await Status(chaoyang)).Outstanding, (await Status(chaoyang)).Status));
        Assert.Equal(100m, (await market.Holding(yanqing, gepr))!.Available);
        Assert.True((await market.Conservation()).Balanced);

        Task<HttpResponseMessage> Observe(string section, decimal value) =>
            monitorApi.PostAsJsonAsync(
                $"{agreement}/observations",
                new
                {
                    section,
                    indicator = "GEP-R",
                    year = 2025,
                    value,
                    monitoringBody = monitor,
                },
                ExchangeFixture.Json
            );

        Task<HttpResponseMessage> Surrender(HttpClient api, string participantId, decimal quantity) =>
            api.PostAsJsonAsync(
                "/api/surrenders",
                new
                {
                    participantId,
                    period = 2025,
                    instrumentId = gepr,
                    quantity,
                },
                ExchangeFixture.Json
            );

        async Task<ComplianceStatus> Status(string participantId) =>
            (await market.Regulator.GetFromJsonAsync<ComplianceStatus>($"/api/compliance/{participantId}/2025", ExchangeFixture.Json))!;
    }

    private sealed record Proposal(Guid Id, Guid ActionId);
}
