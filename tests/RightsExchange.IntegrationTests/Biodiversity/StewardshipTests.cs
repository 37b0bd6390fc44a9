using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using RightsExchange.Accounts.Biodiversity;
using RightsExchange.Contracts.Biodiversity.V1;

namespace RightsExchange.IntegrationTests.Biodiversity;

/// <summary>A biodiversity stewardship agreement's deposit and yearly payments through the API.</summary>
[Collection(ExchangeCollection.Name)]
public sealed class StewardshipTests(ExchangeFixture exchange)
{
    private const string FundId = "biodiversity-stewardship-payments-fund";

    [Fact]
    public async Task Yearly_payments_to_the_land_holder_begin_at_80_percent_of_the_deposit_and_then_fall_due_each_year()
    {
        var market = await Market.Open(exchange);
        var (landholder, landholderApi) = await market.Participant("landholder", region: "AU-NSW-Cumberland");
        await RegisterFund(market);

        var credits = market.Id("ECO849S").ToUpperInvariant();
        var listed = await market.Regulator.PostAsJsonAsync(
            "/api/instruments",
            new
            {
                instrumentId = credits,
                name = "Ecosystem credits PCT 849",
                @class = "BiodiversityCredit",
                unit = "credits",
                quantityStep = 1m,
                region = "AU-NSW",
                tradingProfile = "regional-demo",
                biodiversity = new
                {
                    kind = "Ecosystem",
                    plantCommunityType = 849,
                    subregion = "Cumberland",
                    site = new { latitude = -33.7m, longitude = 150.9m },
                },
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await Register(market, landholder, [])).StatusCode);
        Assert.Equal(
            "INVALID_AGREEMENT",
            await Market.Problem(await Register(market, landholder, ["CEA-2024"]), HttpStatusCode.UnprocessableEntity)
        );
        var id = await Created(await Register(market, landholder, [credits]));
        await market.Deposit(landholder, 90_000.00m);
        var fundBefore = (await market.Account(FundId)).Cash.Available;

        Assert.Equal(
            "INVALID_AMOUNT",
            await Market.Problem(await Deposit(landholderApi, id, landholder, 100_000.01m), HttpStatusCode.UnprocessableEntity)
        );
        await Created(await Deposit(landholderApi, id, landholder, 70_000.00m));
        Assert.Equal("NOTHING_DUE", await Market.Problem(await Pay(market, id), HttpStatusCode.UnprocessableEntity));
        await Created(await Deposit(landholderApi, id, landholder, 10_000.00m));
        Assert.Equal(fundBefore + 80_000.00m, (await market.Account(FundId)).Cash.Available);

        await Created(await Pay(market, id));
        Assert.Equal("NOTHING_DUE", await Market.Problem(await Pay(market, id), HttpStatusCode.UnprocessableEntity));
        Assert.Equal(10_000.00m + 6_000.00m, (await market.Account(landholder)).Cash.Available);
        exchange.AccountsClock.Offset = Duration.FromDays(2 * 366);
        try
        {
            await Created(await Pay(market, id));
        }
        finally
        {
            exchange.AccountsClock.Offset = Duration.Zero;
        }

        var view = await View(id);
        Assert.Equal(80_000.00m, view.Deposited.Amount);
        Assert.Equal(new[] { 1, 2, 3 }, view.Payments.Select(p => p.Year));
        Assert.Equal(view.FirstPaymentDue!.Value.PlusYears(2), view.Payments[2].DueOn);
        Assert.Equal(10_000.00m + 18_000.00m, (await market.Account(landholder)).Cash.Available);
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task A_sale_of_the_sites_credits_pays_the_deposit_as_it_settles_and_the_registry_makes_the_payment_due_itself()
    {
        var market = await Market.Open(exchange);
        var (landholder, landholderApi) = await market.Participant("site-landholder", region: "AU-NSW-Cumberland");
        var (buyer, buyerApi) = await market.Participant("credit-buyer", region: "AU-NSW");
        await RegisterFund(market);
        var credits = market.Id("ECO849T").ToUpperInvariant();
        var listed = await market.Regulator.PostAsJsonAsync(
            "/api/instruments",
            new
            {
                instrumentId = credits,
                name = "Ecosystem credits PCT 849",
                @class = "BiodiversityCredit",
                unit = "credits",
                quantityStep = 1m,
                region = "AU-NSW",
                tradingProfile = "national-cea-demo",
                referencePrice = 100.00m,
                biodiversity = new
                {
                    kind = "Ecosystem",
                    plantCommunityType = 849,
                    subregion = "Cumberland",
                    site = new { latitude = -33.7m, longitude = 150.9m },
                },
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        await market.Issue(credits, landholder, 100m);
        await market.Deposit(buyer, 20_000.00m);
        var id = await Created(
            await market.Regulator.PostAsJsonAsync(
                "/api/biodiversity/stewardship",
                new
                {
                    landholderId = landholder,
                    site = "Cumberland Plain stewardship site",
                    creditInstrumentIds = new[] { credits },
                    totalFundDeposit = 12_000.00m,
                    annualPayment = 1_000.00m,
                    years = 5,
                },
                ExchangeFixture.Json
            )
        );

        // 100 credits at 100.00 CNY: the land holder's 9,995.00 CNY (less the 5 bp fee) go to the fund as the trade settles.
        await Market.PlaceAccepted(landholderApi, credits, "Sell", 100m, 100.00m);
        await Market.PlaceAccepted(buyerApi, credits, "Buy", 100m, 100.00m);
        await market.SettledQuantity(credits, 100m);
        var view = await View(id);
        Assert.Equal(9_995.00m, view.Deposited.Amount);
        Assert.NotNull(view.FirstPaymentDue);
        Assert.Equal(0m, (await market.Account(landholder)).Cash.Available);

        var daily = exchange.Accounts.Services.GetServices<IHostedService>().OfType<DailyStewardshipPayments>().Single();
        await daily.PayAllDue(default);
        Assert.Equal([1], (await View(id)).Payments.Select(p => p.Year));
        Assert.Equal(1_000.00m, (await market.Account(landholder)).Cash.Available);
        await daily.PayAllDue(default);
        Assert.Single((await View(id)).Payments);
        Assert.True((await market.Conservation()).Balanced);
    }

    private async Task<StewardshipAgreementView> View(Guid id) =>
        (
            await exchange
                .Gateway.CreateClient()
                .GetFromJsonAsync<StewardshipAgreementView>($"/api/biodiversity/stewardship/{id}", ExchangeFixture.Json)
        )!;

    private static async Task RegisterFund(Market market)
    {
        var registered = await market.Regulator.PostAsJsonAsync(
            "/api/participants",
            new
            {
                participantId = FundId,
                name = "Biodiversity Stewardship Payments Fund",
                kind = "Government",
                region = "AU-NSW",
            },
            ExchangeFixture.Json
        );
        Assert.True(
            registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict,
            await registered.Content.ReadAsStringAsync()
        );
    }

    private static Task<HttpResponseMessage> Register(Market market, string landholder, string[] credits) =>
        market.Regulator.PostAsJsonAsync(
            "/api/biodiversity/stewardship",
            new
            {
                landholderId = landholder,
                site = "Cumberland Plain stewardship site",
                creditInstrumentIds = credits,
                totalFundDeposit = 100_000.00m,
                annualPayment = 6_000.00m,
                years = 20,
            },
            ExchangeFixture.Json
        );

    private static Task<HttpResponseMessage> Deposit(HttpClient client, Guid id, string landholder, decimal amount) =>
        client.PostAsJsonAsync(
            $"/api/biodiversity/stewardship/{id}/deposits",
            new { landholderId = landholder, amount },
            ExchangeFixture.Json
        );

    private static Task<HttpResponseMessage> Pay(Market market, Guid id) =>
        market.Regulator.PostAsync($"/api/biodiversity/stewardship/{id}/payments", null);

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Guid.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }
}
