using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Retail.V1;

namespace RightsExchange.IntegrationTests.Retail;

/// <summary>One-yuan purchases of a forestry sink by members of the public, through the API.</summary>
[Collection(ExchangeCollection.Name)]
public sealed class RetailPurchaseTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task One_yuan_buys_whole_retail_steps_settled_versus_payment_and_retired_at_once_for_the_beneficiary()
    {
        var market = await Market.Open(exchange);
        var (sink, seller, sellerApi) = await SinkOnOffer(market, issued: 100m);
        var offerId = await Offer(sellerApi, sink, 95.00m, 10m);
        var (individual, individualApi) = await SignUp(market, "li-wei");
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await individualApi.PostAsJsonAsync("/api/retail/individuals", new { name = "Li Wei" }, ExchangeFixture.Json)).StatusCode
        );
        await market.Deposit(individual, 10.00m);

        var bought = await Buy(individualApi, offerId, 1.00m, "Li Wei, a year of commuting by bus");
        Assert.Equal(HttpStatusCode.Created, bought.StatusCode);
        var record = (
            await exchange.Gateway.CreateClient().GetFromJsonAsync<RetirementRecorded>(bought.Headers.Location, ExchangeFixture.Json)
        )!;
        Assert.Equal(0.010m, record.Quantity.Amount);
        Assert.Equal("Li Wei, a year of commuting by bus", record.Beneficiary);
        Assert.Equal(individual, record.ParticipantId);
        Assert.Equal(10, record.Serials!.Sum(b => b.Count));

        var mine = (await individualApi.GetFromJsonAsync<AccountStatement>($"/api/accounts/{individual}", ExchangeFixture.Json))!;
        Assert.Equal(10.00m - 0.95m, mine.Cash.Available);
        var line = mine.Holdings.Single(h => h.InstrumentId == sink);
        Assert.Equal((0m, 0m, 0.010m), (line.Available, line.Reserved, line.Retired));
        Assert.Equal(0.95m, (await market.Account(seller)).Cash.Available);
        var sellerLine = (await market.Holding(seller, sink))!;
        Assert.Equal((90m, 9.990m), (sellerLine.Available, sellerLine.Reserved));
        var offer = (
            await exchange.Gateway.CreateClient().GetFromJsonAsync<RetailOfferView>($"/api/retail/offers/{offerId}", ExchangeFixture.Json)
        )!;
        Assert.Equal((0.010m, 9.990m, 1, "Open"), (offer.Sold, offer.Remaining, offer.Purchases, offer.Status));

        var lineage = await market.Lineage(sink, record.Serials![0].First, record.Serials[0].Last);
        Assert.Equal(0.001m, lineage.QuantityStep);
        Assert.Equal([SerialMovement.Issued, SerialMovement.Settled, SerialMovement.Retired], lineage.Path.Select(s => s.Kind));
        Assert.All(lineage.Whereabouts, w => Assert.Equal(SerialMovement.Retired, w.Status));
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task A_purchase_that_is_too_small_too_large_unfunded_or_not_an_individuals_is_refused_and_changes_nothing()
    {
        var market = await Market.Open(exchange);
        var (sink, seller, sellerApi) = await SinkOnOffer(market, issued: 10m);
        var offerId = await Offer(sellerApi, sink, 95.00m, 1m);
        var (individual, individualApi) = await SignUp(market, "wang-fang");
        await market.Deposit(individual, 5.00m);

        Assert.Equal("AMOUNT_TOO_SMALL", await Refusal(individualApi, offerId, 0.05m));
        Assert.Equal("RETAIL_LIMIT_EXCEEDED", await Refusal(individualApi, offerId, 1_000.01m));
        Assert.Equal("INSUFFICIENT_CASH", await Refusal(individualApi, offerId, 20.00m));
        Assert.Equal("OFFER_SOLD_OUT", await Refusal(individualApi, offerId, 100.00m));
        Assert.Equal("OFFER_UNKNOWN", await Refusal(individualApi, Guid.NewGuid(), 1.00m));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await sellerApi.PostAsJsonAsync(
                    "/api/retail/purchases",
                    new
                    {
                        offerId,
                        amount = 1.00m,
                        beneficiary = "Seller",
                    },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await Market.Place(individualApi, sink, "Buy", 0.1m, 95m)).StatusCode);
        Assert.Equal(
            "RETAIL_ONLY",
            await Market.Problem(
                await sellerApi.PostAsJsonAsync(
                    "/api/transfers",
                    new
                    {
                        fromParticipantId = seller,
                        toParticipantId = individual,
                        instrumentId = sink,
                        quantity = 1m,
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        var allowance = await market.Instrument("CEA");
        Assert.Equal(
            "NOT_RETAIL",
            await Market.Problem(
                await sellerApi.PostAsJsonAsync(
                    "/api/retail/offers",
                    new
                    {
                        instrumentId = allowance,
                        price = 95.00m,
                        quantity = 1m,
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );

        Assert.Equal(5.00m, (await market.Account(individual)).Cash.Available);
        Assert.Equal(0m, (await market.Account(seller)).Cash.Available);
        Assert.Equal(1m, (await market.Holding(seller, sink))!.Reserved);
    }

    [Fact]
    public async Task From_100_CNY_the_seller_pays_the_retail_fee_and_the_yearly_limit_stops_the_next_purchase()
    {
        var market = await Market.Open(exchange);
        var (sink, seller, sellerApi) = await SinkOnOffer(market, issued: 200m);
        var offerId = await Offer(sellerApi, sink, 95.00m, 200m);
        var (individual, individualApi) = await SignUp(market, "zhang-min");
        await market.Deposit(individual, 12_000.00m);

        // 1,000 CNY buys 10.526 t: 999.97 CNY, no buyer fee; the seller pays 30 bp of it, 3.00 CNY (FeeSchedule:Retail).
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Created, (await Buy(individualApi, offerId, 1_000.00m)).StatusCode);
        Assert.Equal(10 * (999.97m - 3.00m), (await market.Account(seller)).Cash.Available);
        Assert.Equal(12_000.00m - 9_999.70m, (await market.Account(individual)).Cash.Available);
        Assert.Equal("RETAIL_LIMIT_EXCEEDED", await Refusal(individualApi, offerId, 1.00m));
        Assert.Equal(105.26m, (await market.Holding(individual, sink))!.Retired);

        Assert.Equal(HttpStatusCode.Created, (await sellerApi.DeleteAsync($"/api/retail/offers/{offerId}")).StatusCode);
        Assert.Equal((200m - 105.26m, 0m), await Balances(market, seller, sink));
        Assert.True((await market.Conservation()).Balanced);
    }

    /// <summary>A forestry sink listed for retail (step 0.1 t, retail step 0.001 t) and a seller holding <paramref name="issued"/> t of
    /// it.</summary>
    private static async Task<(string Sink, string Seller, HttpClient SellerApi)> SinkOnOffer(Market market, decimal issued)
    {
        var sink = market.Id("SINK").ToUpperInvariant();
        var listed = await market.Regulator.PostAsJsonAsync(
            "/api/instruments",
            new
            {
                instrumentId = sink,
                name = "Shunchang forest-management sink",
                @class = "ForestrySink",
                unit = "t",
                quantityStep = 0.1m,
                vintage = 2024,
                region = "CN",
                tradingProfile = "national-cea-demo",
                referencePrice = 95.00m,
                retail = true,
            },
            ExchangeFixture.Json
        );
        Assert.True(listed.StatusCode == HttpStatusCode.Created, await listed.Content.ReadAsStringAsync());
        var (seller, sellerApi) = await market.Participant("forest-farm", region: "CN-FJ");
        await market.Issue(sink, seller, issued);
        return (sink, seller, sellerApi);
    }

    private static async Task<Guid> Offer(HttpClient sellerApi, string sink, decimal price, decimal quantity)
    {
        var offered = await sellerApi.PostAsJsonAsync(
            "/api/retail/offers",
            new
            {
                instrumentId = sink,
                price,
                quantity,
            },
            ExchangeFixture.Json
        );
        Assert.True(offered.StatusCode == HttpStatusCode.Created, await offered.Content.ReadAsStringAsync());
        return Guid.Parse(offered.Headers.Location!.ToString().Split('/')[^1]);
    }

    private async Task<(string Id, HttpClient Api)> SignUp(Market market, string name)
    {
        var api = await exchange.Individual(market.Id(name));
        var signedUp = await api.PostAsJsonAsync("/api/retail/individuals", new { name }, ExchangeFixture.Json);
        Assert.True(signedUp.StatusCode == HttpStatusCode.Created, await signedUp.Content.ReadAsStringAsync());
        return (
            (await signedUp.Content.ReadFromJsonAsync<JsonElement>(ExchangeFixture.Json)).GetProperty("participantId").GetString()!,
            api
        );
    }

    /// <summary>The reason a purchase is refused with (422), failing the test on any other answer.</summary>
    private static async Task<string> Refusal(HttpClient individualApi, Guid offerId, decimal amount) =>
        await Market.Problem(await Buy(individualApi, offerId, amount), HttpStatusCode.UnprocessableEntity);

    private static Task<HttpResponseMessage> Buy(HttpClient individualApi, Guid offerId, decimal amount, string beneficiary = "Myself") =>
        individualApi.PostAsJsonAsync(
            "/api/retail/purchases",
            new
            {
                offerId,
                amount,
                beneficiary,
            },
            ExchangeFixture.Json
        );

    private static async Task<(decimal Available, decimal Reserved)> Balances(Market market, string participantId, string instrumentId) =>
        await market.Holding(participantId, instrumentId) is { } line ? (line.Available, line.Reserved) : (0m, 0m);
}
