using System.Net;
using System.Net.Http.Json;

namespace RightsExchange.IntegrationTests.Gateway;

/// <summary>The Idempotency-Key header on a POST: a replay answers the first result, another body under the key is refused.</summary>
[Collection(ExchangeCollection.Name)]
public sealed class IdempotencyKeyTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_deposit_sent_twice_with_one_key_is_made_once_and_another_body_under_the_key_is_refused()
    {
        var market = await Market.Open(exchange);
        var (participant, _) = await market.Participant("idempotent");
        var key = Guid.NewGuid().ToString();

        var first = await Deposit(market, participant, 1_000m, key);
        var again = await Deposit(market, participant, 1_000m, key);
        var other = await Deposit(market, participant, 2_000m, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", await Market.Problem(other, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(1_000m, (await market.Account(participant)).Cash.Available);
        Assert.Equal(
            "INVALID_IDEMPOTENCY_KEY",
            await Market.Problem(await Deposit(market, participant, 1m, "bad key"), HttpStatusCode.BadRequest)
        );
    }

    [Fact]
    public async Task A_deposit_id_sent_again_by_another_regulator_is_made_once_and_with_another_amount_is_refused()
    {
        var market = await Market.Open(exchange);
        var (participant, _) = await market.Participant("deposit-id");
        var depositId = Guid.NewGuid();

        var first = await market.Regulator.PostAsJsonAsync(
            "/api/cash-deposits",
            new
            {
                depositId,
                participantId = participant,
                amount = 500m,
            },
            ExchangeFixture.Json
        );
        var again = await market.SecondRegulator.PostAsJsonAsync(
            "/api/cash-deposits",
            new
            {
                depositId,
                participantId = participant,
                amount = 500m,
            },
            ExchangeFixture.Json
        );
        var other = await market.Regulator.PostAsJsonAsync(
            "/api/cash-deposits",
            new
            {
                depositId,
                participantId = participant,
                amount = 700m,
            },
            ExchangeFixture.Json
        );

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", await Market.Problem(other, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(500m, (await market.Account(participant)).Cash.Available);
    }

    [Fact]
    public async Task An_order_sent_again_answers_the_order_placed_and_another_order_under_its_client_order_id_is_refused()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (buyer, api) = await market.Participant("retrying-buyer");
        await market.Deposit(buyer, 10_000);
        var order = new
        {
            clientOrderId = "retry-1",
            instrumentId = cea,
            side = "Buy",
            quantity = 10m,
            limitPrice = 97m,
        };

        var first = await api.PostAsJsonAsync("/api/orders", order, ExchangeFixture.Json);
        var reservedByOne = (await market.Account(buyer)).Cash.Reserved;
        var again = await api.PostAsJsonAsync("/api/orders", order, ExchangeFixture.Json);
        var other = await api.PostAsJsonAsync("/api/orders", order with { limitPrice = 96m }, ExchangeFixture.Json);
        var block = await api.PostAsJsonAsync(
            "/api/block-trades",
            new
            {
                clientOrderId = "retry-1",
                instrumentId = cea,
                side = "Buy",
                quantity = 10m,
                price = 97m,
                counterparty = buyer,
            },
            ExchangeFixture.Json
        );

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await OrderId(first), await OrderId(again));
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", await Market.Problem(other, HttpStatusCode.UnprocessableEntity));
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", await Market.Problem(block, HttpStatusCode.UnprocessableEntity));
        Assert.True(reservedByOne > 0);
        Assert.Equal(reservedByOne, (await market.Account(buyer)).Cash.Reserved); // one order's cash, however often it was sent
    }

    private static async Task<Guid> OrderId(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ExchangeFixture.Json)).GetProperty("orderId").GetGuid();

    private static Task<HttpResponseMessage> Deposit(Market market, string participantId, decimal amount, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cash-deposits")
        {
            Content = JsonContent.Create(new { participantId, amount }, options: ExchangeFixture.Json),
        };
        request.Headers.Add("Idempotency-Key", key);
        return market.Regulator.SendAsync(request);
    }
}
