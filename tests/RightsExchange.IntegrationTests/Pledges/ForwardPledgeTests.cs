using System.Net;
using System.Net.Http.Json;
using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.IntegrationTests.Pledges;

/// <summary>Forward pledges of sinks still to come (documented-trades.md row 7), through the API.</summary>
[Collection(ExchangeCollection.Name)]
public sealed class ForwardPledgeTests(ExchangeFixture exchange)
{
    private const string Project = "Shunchang forest-management sinks, future issuances";

    private static LocalDate Today => MarketTime.TradingDateOf(SystemClock.Instance.GetCurrentInstant());

    [Fact]
    public async Task Issuances_to_the_project_arrive_pledged_up_to_the_expected_quantity_and_the_repurchase_frees_them_against_its_price()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("FMS", referencePrice: 18.54m, step: 0.1m, @class: "ForestrySink");
        var (farm, farmApi) = await market.Participant("forest-farm");
        var (bank, bankApi) = await market.Participant("bank");

        var repurchaseAfterMaturity = await Forward(farmApi, farm, bank, sink, 300, Today.PlusDays(30), repurchaseDate: Today.PlusDays(31));
        Assert.Equal("INVALID_LOAN", await Market.Problem(repurchaseAfterMaturity, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(
            "INVALID_QUANTITY",
            await Market.Problem(await Forward(farmApi, farm, bank, sink, 300.05m, Today.PlusDays(30)), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "SAME_ACCOUNT",
            await Market.Problem(await Forward(farmApi, farm, farm, sink, 300, Today.PlusDays(30)), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await Forward(bankApi, farm, bank, sink, 300, Today.PlusDays(30))).StatusCode);
        var pledgeId = await Registered(await Forward(farmApi, farm, bank, sink, 300, Today.PlusDays(30)));
        Assert.Null(await market.Holding(farm, sink));

        await market.Issue(sink, farm, 200, Project);
        Assert.Equal(new(sink, "tCO2e", 0m, 0m, 200m), await market.Holding(farm, sink));
        await market.Issue(sink, farm, 50, "another project");
        await market.Issue(sink, farm, 150, Project);
        Assert.Equal(new(sink, "tCO2e", 100m, 0m, 300m), await market.Holding(farm, sink));
        var serials = (await market.HoldingWithSerials(farm, sink))!;
        Assert.Equal(3_000, serials.PledgedSerials!.Sum(b => b.Last - b.First + 1));
        var view = await Pledge(bankApi, pledgeId);
        Assert.Equal(("Active", 300m, 300m), (view.Status, view.Arrived!.Value.Amount, view.Forward!.ExpectedQuantity.Amount));
        Assert.Equal(
            "INSUFFICIENT_UNITS",
            await Market.Problem(await Market.Place(farmApi, sink, "Sell", 150, 18.54m), HttpStatusCode.UnprocessableEntity)
        );

        Assert.Equal("NOT_PLEDGOR", await Market.Problem(await Repurchase(bankApi, pledgeId), HttpStatusCode.UnprocessableEntity));
        Assert.Equal("INSUFFICIENT_CASH", await Market.Problem(await Repurchase(farmApi, pledgeId), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(new(sink, "tCO2e", 100m, 0m, 300m), await market.Holding(farm, sink));
        await market.Deposit(farm, 2_100.00m);
        Assert.Equal(HttpStatusCode.Created, (await Repurchase(farmApi, pledgeId)).StatusCode);
        Assert.Equal(new(sink, "tCO2e", 400m, 0m), await market.Holding(farm, sink));
        Assert.Equal(new CashLine(0m, 0m), (await market.Account(farm)).Cash);
        Assert.Equal(new CashLine(2_100.00m, 0m), (await market.Account(bank)).Cash);
        Assert.Equal("Repurchased", (await Pledge(bankApi, pledgeId)).Status);
        Assert.Equal("PLEDGE_NOT_ACTIVE", await Market.Problem(await Repurchase(farmApi, pledgeId), HttpStatusCode.UnprocessableEntity));

        await market.Issue(sink, farm, 10, Project);
        Assert.Equal(new(sink, "tCO2e", 410m, 0m), await market.Holding(farm, sink));
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task A_forward_pledge_is_enforced_only_after_its_loan_matures_and_the_pledgee_then_takes_what_arrived()
    {
        var market = await Market.Open(exchange);
        var sink = await market.Instrument("FMS", referencePrice: 18.54m, step: 0.1m, @class: "ForestrySink");
        var (farm, farmApi) = await market.Participant("forest-farm");
        var (bank, bankApi) = await market.Participant("bank");
        var pledgeId = await Registered(await Forward(farmApi, farm, bank, sink, 300, Today));
        await market.Issue(sink, farm, 120.5m, Project);

        Assert.Equal(
            "PLEDGE_NOT_MATURE",
            await Market.Problem(await End(market.Regulator, pledgeId, "enforce"), HttpStatusCode.UnprocessableEntity)
        );
        exchange.AccountsClock.Offset = Duration.FromDays(2);
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await market.Approve(await End(market.Regulator, pledgeId, "enforce"))).StatusCode);
        }
        finally
        {
            exchange.AccountsClock.Offset = Duration.Zero;
        }
        Assert.Equal(new(sink, "tCO2e", 0m, 0m), await market.Holding(farm, sink));
        Assert.Equal(new(sink, "tCO2e", 120.5m, 0m), await market.Holding(bank, sink));
        Assert.Equal("Enforced", (await Pledge(bankApi, pledgeId)).Status);

        await market.Issue(sink, farm, 10, Project);
        var plain = await Registered(
            await farmApi.PostAsJsonAsync(
                "/api/pledges",
                new
                {
                    pledgorId = farm,
                    pledgeeId = bank,
                    instrumentId = sink,
                    quantity = 10m,
                    reference = "Loan FJ-2025-018",
                },
                ExchangeFixture.Json
            )
        );
        Assert.Equal("PLEDGE_NOT_FORWARD", await Market.Problem(await Repurchase(farmApi, plain), HttpStatusCode.UnprocessableEntity));
        Assert.True((await market.Conservation()).Balanced);
    }

    private static Task<HttpResponseMessage> Forward(
        HttpClient client,
        string pledgor,
        string pledgee,
        string instrumentId,
        decimal expectedQuantity,
        LocalDate maturity,
        LocalDate? repurchaseDate = null
    ) =>
        client.PostAsJsonAsync(
            "/api/pledges/forward",
            new
            {
                pledgorId = pledgor,
                pledgeeId = pledgee,
                instrumentId,
                project = Project,
                expectedQuantity,
                loanAmount = 2_000.00m,
                maturity = maturity.ToString("yyyy-MM-dd", null),
                repurchasePrice = 2_100.00m,
                repurchaseDate = (repurchaseDate ?? maturity).ToString("yyyy-MM-dd", null),
                reference = "Loan FJ-2021-007",
            },
            ExchangeFixture.Json
        );

    private static async Task<Guid> Registered(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Guid.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static async Task<PledgeView> Pledge(HttpClient client, Guid pledgeId) =>
        (await client.GetFromJsonAsync<PledgeView>($"/api/pledges/{pledgeId}", ExchangeFixture.Json))!;

    private static Task<HttpResponseMessage> Repurchase(HttpClient client, Guid pledgeId) =>
        client.PostAsync($"/api/pledges/{pledgeId}/repurchase", null);

    private static Task<HttpResponseMessage> End(HttpClient client, Guid pledgeId, string action) =>
        client.PostAsJsonAsync($"/api/pledges/{pledgeId}/{action}", new { reason = "Default on loan FJ-2021-007" }, ExchangeFixture.Json);
}
