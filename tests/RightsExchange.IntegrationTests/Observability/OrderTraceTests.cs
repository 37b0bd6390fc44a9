using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using RightsExchange.Hosting;

namespace RightsExchange.IntegrationTests.Observability;

/// <summary>
/// One order is one trace, however its hops are batched: the spans of every writer that applies the order's messages,
/// from its funding to the settlement of its trade, carry the trace id its POST came with.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class OrderTraceTests(ExchangeFixture exchange) : IDisposable
{
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == ExchangeTracing.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task An_aggressive_order_is_one_trace_from_its_POST_through_funding_matching_and_settlement()
    {
        _listener.ActivityStopped = _spans.Add;
        ActivitySource.AddActivityListener(_listener);
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (_, sellerApi, _, buyerApi) = await market.SellerAndBuyer(cea, 100, 20_000);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 10, 97.50m);

        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(
                new
                {
                    clientOrderId = market.Id("traced"),
                    instrumentId = cea,
                    side = "Buy",
                    quantity = 10,
                    limitPrice = 97.50m,
                },
                options: ExchangeFixture.Json
            ),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.Created, (await buyerApi.SendAsync(request)).StatusCode);
        await market.SettledQuantity(cea, 10);

        string[] path =
        [
            "LedgerWriter apply PlaceOrder",
            "MatchingWriter apply OrderFunded",
            "SettlementWriter apply TradeExecuted",
            "LedgerWriter apply SettlementInstructed",
            "SettlementWriter apply SettlementPosted",
        ];
        await Eventually.True(
            () => Task.FromResult(path.All(name => _spans.Any(s => s.TraceId == trace && s.DisplayName == name))),
            $"spans of trace {trace}: {string.Join(", ", path)}",
            seconds: 30
        );
    }
}
