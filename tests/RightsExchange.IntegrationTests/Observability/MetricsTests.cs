using System.Text.RegularExpressions;

namespace RightsExchange.IntegrationTests.Observability;

/// <summary>
/// What <c>/metrics</c> shows an operator of each service: the depth and consumers of every queue it receives from
/// (read from RabbitMQ), beside the exchange's own counters.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed partial class MetricsTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task Every_service_shows_the_depth_and_consumers_of_the_queues_it_receives_from()
    {
        foreach (var (name, client) in exchange.ServiceClients())
        {
            await Eventually.True(
                async () =>
                {
                    var metrics = await client.GetStringAsync("/metrics");
                    var consumed = Consumers()
                        .Matches(metrics)
                        .Where(m => m.Groups["queue"].Value.Contains($"-{name}", StringComparison.Ordinal));
                    return consumed.Any(m => int.Parse(m.Groups["count"].Value) >= 1)
                        && metrics.Contains("rightsexchange_queue_depth{", StringComparison.Ordinal);
                },
                $"{name}'s queue metrics"
            );
        }
    }

    [GeneratedRegex("""rightsexchange_queue_consumers\{[^}]*queue="(?<queue>[^"]+)"[^}]*\} (?<count>\d+)""")]
    private static partial Regex Consumers();
}
