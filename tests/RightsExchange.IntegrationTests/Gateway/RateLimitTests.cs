using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Gateway.Orders;

namespace RightsExchange.IntegrationTests.Gateway;

/// <summary>
/// The rate limits of section <c>RateLimits</c>, on a gateway of their own with tight settings: past a participant's
/// order rate, or an anonymous address's rate, the answer is 429 problem details <c>RATE_LIMITED</c> with
/// <c>Retry-After</c>, and a refused order is never placed.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class RateLimitTests(ExchangeFixture exchange)
{
    private static readonly JsonSerializerOptions Json = ExchangeFixture.Json;

    [Fact]
    public async Task Orders_past_a_participants_rate_are_429_with_Retry_After_and_never_placed()
    {
        var market = await Market.Open(exchange);
        var instrument = await market.Instrument();
        var (participant, trader) = await market.Participant("rate");
        await market.Deposit(participant, 100_000);
        await using var gateway = exchange.Another<OrderOutcomes>(
            new Dictionary<string, string?> { ["RateLimits:OrdersPerSecond"] = "1", ["RateLimits:OrderBurst"] = "1" }
        );
        var limited = gateway.CreateClient();
        // Each demo-mode gateway signs with a key of its own: the token comes from this one.
        var minted = await limited.PostAsJsonAsync(
            "/api/dev/tokens",
            new
            {
                subject = $"trader-{participant}",
                role = "trader",
                participantId = participant,
            },
            Json
        );
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("token").GetString();
        limited.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var refused = new List<string>();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var clientOrderId = $"rate-{i}-{Guid.NewGuid():N}";
            var response = await limited.PostAsJsonAsync(
                "/api/orders",
                new
                {
                    clientOrderId,
                    instrumentId = instrument,
                    side = "Buy",
                    quantity = 1m,
                    limitPrice = 97.5m,
                },
                Json
            );
            answers.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                continue;
            Assert.Equal("RATE_LIMITED", await Market.Problem(response, HttpStatusCode.TooManyRequests));
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in whole seconds");
            refused.Add(clientOrderId);
        }

        Assert.True(refused.Count > 0, $"No 429 among {string.Join(", ", answers)}");
        foreach (var clientOrderId in refused)
        {
            var lookup = await trader.GetAsync($"/api/orders/{OrderIds.For(participant, clientOrderId)}");
            Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        }
    }

    [Fact]
    public async Task Requests_without_a_token_past_an_address_rate_are_429_with_Retry_After()
    {
        await using var gateway = exchange.Another<OrderOutcomes>(
            new Dictionary<string, string?> { ["RateLimits:AnonymousPerMinute"] = "2" }
        );
        var anonymous = gateway.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            answers.Add(await anonymous.GetAsync($"/api/retirements/{Guid.NewGuid()}"));

        Assert.All(answers.Take(2), a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        Assert.Equal("RATE_LIMITED", await Market.Problem(answers[2], HttpStatusCode.TooManyRequests));
        Assert.True(answers[2].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in whole seconds");
    }
}
