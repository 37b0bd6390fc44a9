using System.Net;
using System.Text.Json.Nodes;
using RightsExchange.Gateway.Orders;

namespace RightsExchange.IntegrationTests.Observability;

/// <summary>
/// Liveness and readiness as the scripts and compose use them: a service is ready when PostgreSQL answers a query and
/// its bus is connected to RabbitMQ, and <c>/health/ready</c> names each check with its status.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class ReadinessTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task Every_service_is_live_and_ready_naming_postgresql_and_the_bus()
    {
        foreach (var (name, client) in exchange.ServiceClients())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            var checks = await Eventually.Value(
                async () =>
                {
                    var ready = await client.GetAsync("/health/ready");
                    return ready.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await ready.Content.ReadAsStringAsync()) : null;
                },
                $"{name} ready"
            );
            Assert.Equal("Healthy", Status(checks, "postgresql"));
            Assert.Equal("Healthy", Status(checks, "masstransit-bus"));
        }
    }

    [Fact]
    public async Task A_gateway_that_cannot_reach_RabbitMQ_is_live_but_answers_503_on_readiness_naming_the_bus()
    {
        await using var gateway = exchange.Another<OrderOutcomes>(new Dictionary<string, string?> { ["RabbitMq:Port"] = "1" });
        var client = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", Status(checks, "postgresql"));
        Assert.Equal("Unhealthy", Status(checks, "masstransit-bus"));
    }

    private static string? Status(JsonNode? checks, string name) => checks?["entries"]?[name]?["status"]?.GetValue<string>();
}
