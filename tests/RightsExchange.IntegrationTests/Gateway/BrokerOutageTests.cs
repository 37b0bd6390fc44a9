using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Gateway.Orders;

namespace RightsExchange.IntegrationTests.Gateway;

/// <summary>
/// While the broker cannot take order commands, the gateway answers 503 rather than keeping requests waiting: after two
/// sends in a row have failed, new orders are refused at once with Retry-After until a send goes through again (the
/// chaos run's broker restarts).
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class BrokerOutageTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task Orders_get_503_and_after_two_failed_sends_503_at_once_with_retry_after()
    {
        await using var gateway = exchange.Another<OrderOutcomes>(
            new Dictionary<string, string?>
            {
                ["RabbitMq:Port"] = "1",
                ["Gateway:OrderSendTimeout"] = "00:00:01",
                ["Gateway:OrderSendBreak"] = "00:00:30",
            }
        );
        var client = gateway.CreateClient();
        var token = await client.PostAsJsonAsync(
            "/api/dev/tokens",
            new
            {
                subject = "outage-trader",
                role = "trader",
                participantId = "outage",
            }
        );
        var minted = await token.Content.ReadFromJsonAsync<JsonElement>(ExchangeFixture.Json);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", minted.GetProperty("token").GetString());

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            answers.Add(
                await client.PostAsJsonAsync(
                    "/api/orders",
                    new
                    {
                        clientOrderId = $"outage-{i}",
                        instrumentId = "CEA-2024",
                        side = "Buy",
                        quantity = 1m,
                        limitPrice = 97.5m,
                    },
                    ExchangeFixture.Json
                )
            );

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Equal("SERVICE_UNAVAILABLE", await Market.Problem(answer, HttpStatusCode.ServiceUnavailable));
        }
        Assert.Equal(TimeSpan.FromSeconds(30), answers[^1].Headers.RetryAfter?.Delta);
    }
}
