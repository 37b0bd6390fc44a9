using System.Net;
using System.Net.Http.Json;
using RightsExchange.Contracts.Biodiversity.V1;

namespace RightsExchange.IntegrationTests.Biodiversity;

/// <summary>A development consent's biodiversity offset obligation discharged through the API (NSW Biodiversity Offsets Scheme).</summary>
[Collection(ExchangeCollection.Name)]
public sealed class ObligationTests(ExchangeFixture exchange)
{
    private const string FundId = "biodiversity-conservation-fund";
    private const string FlyingFox = "Pteropus poliocephalus";

    [Fact]
    public async Task A_consent_is_discharged_partly_by_like_for_like_credits_partly_by_a_fund_payment_and_the_fund_retires_what_it_owes()
    {
        var market = await Market.Open(exchange);
        var (developer, developerApi) = await market.Participant("developer", region: "AU-NSW-Cumberland");
        var fundApi = await Fund(market);
        var near = await Credits(market, "ECO849", BiodiversityCreditKind.Ecosystem, 849, null, "Cumberland", -33.70m, 150.90m);
        var far = await Credits(market, "ECO849K", BiodiversityCreditKind.Ecosystem, 849, null, "Kerrabee", -32.40m, 150.00m);
        var bats = await Credits(market, "FLYFOX", BiodiversityCreditKind.Species, null, FlyingFox, "Hunter", -32.40m, 150.00m);

        Assert.Equal(
            "INVALID_REQUIREMENT",
            await Market.Problem(
                await Record(
                    market,
                    developer,
                    new
                    {
                        kind = "Ecosystem",
                        plantCommunityType = 849,
                        species = FlyingFox,
                        credits = 100m,
                        fundChargePerCredit = Cny(3_450m),
                    }
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            "INVALID_REQUIREMENT",
            await Market.Problem(await Record(market, developer, [null!]), HttpStatusCode.UnprocessableEntity)
        );
        var consentId = await Created(
            await Record(
                market,
                developer,
                new
                {
                    kind = "Ecosystem",
                    plantCommunityType = 849,
                    credits = 100m,
                    fundChargePerCredit = Cny(3_450m),
                },
                new
                {
                    kind = "Species",
                    species = FlyingFox,
                    credits = 10m,
                    fundChargePerCredit = Cny(2_100.50m),
                }
            )
        );
        var anyone = exchange.Gateway.CreateClient();
        Assert.Equal("Outstanding", (await Obligation(anyone, consentId)).Status);

        await market.Issue(near, developer, 60);
        await market.Issue(far, developer, 150);
        await market.Issue(bats, developer, 10);
        Assert.Equal(
            "NOT_LIKE_FOR_LIKE",
            await Market.Problem(await Retire(developerApi, consentId, 0, developer, far, 100), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "NOT_LIKE_FOR_LIKE",
            await Market.Problem(await Retire(developerApi, consentId, 0, developer, bats, 10), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await Retire(fundApi, consentId, 0, developer, near, 60)).StatusCode);
        await Created(await Retire(developerApi, consentId, 0, developer, near, 60));
        Assert.Equal("PartlyMet", (await Obligation(anyone, consentId)).Status);
        Assert.Equal(60m, (await market.Holding(developer, near))!.Retired);
        Assert.Equal(
            "EXCEEDS_OBLIGATION",
            await Market.Problem(await Retire(developerApi, consentId, 0, developer, far, 50), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "NOT_OBLIGED",
            await Market.Problem(await Retire(fundApi, consentId, 0, FundId, near, 1), HttpStatusCode.UnprocessableEntity)
        );

        Assert.Equal(
            "INSUFFICIENT_CASH",
            await Market.Problem(await Pay(developerApi, consentId, 0, developer, 40), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(60m, (await market.Holding(developer, near))!.Retired);
        await market.Deposit(developer, 138_000.00m);
        var fundCash = (await market.Account(FundId)).Cash.Available;
        await Created(await Pay(developerApi, consentId, 0, developer, 40));
        Assert.Equal(0m, (await market.Account(developer)).Cash.Available);
        Assert.Equal(fundCash + 138_000.00m, (await market.Account(FundId)).Cash.Available);
        await Created(await Retire(developerApi, consentId, 1, developer, bats, 10));

        var discharged = await Obligation(anyone, consentId);
        Assert.Equal("Discharged", discharged.Status);
        var line = discharged.Lines[0];
        Assert.Equal(
            (60m, 40m, 0m, 0m, 40m),
            (
                line.RetiredByDeveloper,
                line.PaidToFund,
                line.RetiredByFund,
                discharged.Lines[0].OwedByDeveloper,
                discharged.Lines[0].OwedByFund
            )
        );
        Assert.Equal(new[] { "Retired", "FundPaid", "Retired" }, discharged.Transactions.Select(t => t.Kind));
        Assert.Equal(138_000.00m, discharged.Transactions[1].Amount!.Value.Amount);

        await market.Issue(near, FundId, 40);
        await Created(await Retire(fundApi, consentId, 0, FundId, near, 40));
        Assert.Equal(0m, (await Obligation(anyone, consentId)).Lines[0].OwedByFund);
        Assert.Equal(
            "NOT_OBLIGED",
            await Market.Problem(await Retire(fundApi, consentId, 0, FundId, near, 1), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/api/biodiversity/consents/{Guid.NewGuid()}")).StatusCode);
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task A_biodiversity_credit_is_listed_with_what_it_is_of_and_where_and_no_other_right_names_either()
    {
        var market = await Market.Open(exchange);
        Task<HttpResponseMessage> List(string name, string @class, object? biodiversity) =>
            market.Regulator.PostAsJsonAsync(
                "/api/instruments",
                new
                {
                    instrumentId = market.Id(name).ToUpperInvariant(),
                    name,
                    @class,
                    unit = "credits",
                    quantityStep = 1m,
                    region = "AU-NSW",
                    tradingProfile = "regional-demo",
                    biodiversity,
                },
                ExchangeFixture.Json
            );
        var site = new { latitude = -33.7m, longitude = 150.9m };

        Assert.Equal(
            "INVALID_BIODIVERSITY_CREDIT",
            await Market.Problem(await List("BC-A", "BiodiversityCredit", null), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INVALID_BIODIVERSITY_CREDIT",
            await Market.Problem(
                await List(
                    "BC-B",
                    "BiodiversityCredit",
                    new
                    {
                        kind = "Ecosystem",
                        species = FlyingFox,
                        subregion = "Cumberland",
                        site,
                    }
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            "INVALID_BIODIVERSITY_CREDIT",
            await Market.Problem(
                await List(
                    "CEA-B",
                    "Allowance",
                    new
                    {
                        kind = "Ecosystem",
                        plantCommunityType = 849,
                        subregion = "Cumberland",
                        site,
                    }
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            "INVALID_BIODIVERSITY_CREDIT",
            await Market.Problem(
                await List(
                    "BC-D",
                    "BiodiversityCredit",
                    new
                    {
                        kind = "Species",
                        species = FlyingFox,
                        subregion = "Cumberland",
                    }
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await List(
                    "BC-C",
                    "BiodiversityCredit",
                    new
                    {
                        kind = "Species",
                        species = FlyingFox,
                        subregion = "Cumberland",
                        site,
                    }
                )
            ).StatusCode
        );
    }

    [Fact]
    public async Task The_public_register_lists_every_credit_transaction_with_its_price()
    {
        var market = await Market.Open(exchange);
        var (landholder, landholderApi) = await market.Participant("landholder", region: "AU-NSW-Cumberland");
        var (developer, developerApi) = await market.Participant("developer", region: "AU-NSW-Cumberland");
        var credits = await Credits(market, "ECO849R", BiodiversityCreditKind.Ecosystem, 849, null, "Cumberland", -33.70m, 150.90m);
        await market.Issue(credits, landholder, 100);
        await market.Deposit(developer, 100_000m);

        await Market.PlaceAccepted(landholderApi, credits, "Sell", 20, 3_450.00m);
        await Market.PlaceAccepted(developerApi, credits, "Buy", 20, 3_450.00m);
        await market.SettledQuantity(credits, 20);
        var transfer = await landholderApi.PostAsJsonAsync(
            "/api/transfers",
            new
            {
                fromParticipantId = landholder,
                toParticipantId = developer,
                instrumentId = credits,
                quantity = 5m,
                price = 3_300.00m,
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, transfer.StatusCode);
        var retirement = await developerApi.PostAsJsonAsync(
            "/api/retirements",
            new
            {
                participantId = developer,
                instrumentId = credits,
                quantity = 3m,
                beneficiary = "Developer",
                purpose = "Voluntary",
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, retirement.StatusCode);

        var anyone = exchange.Gateway.CreateClient();
        var register = (await anyone.GetFromJsonAsync<CreditRegister>($"/api/biodiversity/register/{credits}", ExchangeFixture.Json))!;
        (string, decimal, decimal?, string?, string?)[] expected =
        [
            ("Issued", 100m, null, null, landholder),
            ("Traded", 20m, 3_450.00m, landholder, developer),
            ("Transferred", 5m, 3_300.00m, landholder, developer),
            ("Retired", 3m, null, developer, null),
        ];
        Assert.Equal(expected, register.Transactions.Select(t => (t.Kind, t.Quantity, t.Price, t.From, t.To)));
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/api/biodiversity/register/{market.Id("NONE")}")).StatusCode);
    }

    private static object Cny(decimal amount) => new { amount, currency = "CNY" };

    private async Task<HttpClient> Fund(Market market)
    {
        var registered = await market.Regulator.PostAsJsonAsync(
            "/api/participants",
            new
            {
                participantId = FundId,
                name = "Biodiversity Conservation Fund",
                kind = "Government",
                region = "AU-NSW",
            },
            ExchangeFixture.Json
        );
        Assert.True(
            registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict,
            await registered.Content.ReadAsStringAsync()
        );
        return await exchange.Trader(FundId);
    }

    private static async Task<string> Credits(
        Market market,
        string name,
        BiodiversityCreditKind kind,
        int? pct,
        string? species,
        string subregion,
        decimal latitude,
        decimal longitude
    )
    {
        var id = market.Id(name).ToUpperInvariant();
        var listed = await market.Regulator.PostAsJsonAsync(
            "/api/instruments",
            new
            {
                instrumentId = id,
                name = $"Biodiversity credits {name}",
                @class = "BiodiversityCredit",
                unit = "credits",
                quantityStep = 1m,
                region = "AU-NSW",
                tradingProfile = "regional-demo",
                biodiversity = new
                {
                    kind,
                    plantCommunityType = pct,
                    species,
                    subregion,
                    site = new { latitude, longitude },
                },
            },
            ExchangeFixture.Json
        );
        Assert.True(listed.StatusCode == HttpStatusCode.Created, await listed.Content.ReadAsStringAsync());
        return id;
    }

    private static Task<HttpResponseMessage> Record(Market market, string developer, params object[] requirements) =>
        market.Regulator.PostAsJsonAsync(
            "/api/biodiversity/consents",
            new
            {
                developerId = developer,
                reference = "SSD-10477",
                subregion = "Cumberland",
                site = new { latitude = -33.80m, longitude = 150.85m },
                requirements,
            },
            ExchangeFixture.Json
        );

    private static Task<HttpResponseMessage> Retire(
        HttpClient client,
        Guid consentId,
        int requirement,
        string participantId,
        string instrumentId,
        decimal quantity
    ) =>
        client.PostAsJsonAsync(
            $"/api/biodiversity/consents/{consentId}/retirements",
            new
            {
                requirement,
                participantId,
                instrumentId,
                quantity,
            },
            ExchangeFixture.Json
        );

    private static Task<HttpResponseMessage> Pay(HttpClient client, Guid consentId, int requirement, string developerId, decimal credits) =>
        client.PostAsJsonAsync(
            $"/api/biodiversity/consents/{consentId}/fund-payments",
            new
            {
                requirement,
                developerId,
                credits,
            },
            ExchangeFixture.Json
        );

    private static async Task<ObligationView> Obligation(HttpClient client, Guid consentId) =>
        (await client.GetFromJsonAsync<ObligationView>($"/api/biodiversity/consents/{consentId}", ExchangeFixture.Json))!;

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        return Guid.Parse(location.Split('/').Last());
    }
}
