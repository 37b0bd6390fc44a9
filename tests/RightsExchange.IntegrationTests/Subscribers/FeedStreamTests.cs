using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace RightsExchange.IntegrationTests.Subscribers;

/// <summary>The feed as server-sent events: what anonymous and authenticated readers see, and resumption after a disconnect.</summary>
[Collection(ExchangeCollection.Name)]
public sealed class FeedStreamTests(ExchangeFixture exchange)
{
    internal sealed record Received(long Id, string Type, JsonElement CloudEvent)
    {
        public string Subject => CloudEvent.GetProperty("subject").GetString()!;
        public JsonElement Data => CloudEvent.GetProperty("data");
    }

    /// <summary>Reads the stream until <paramref name="enough"/> holds for what was read (or fails after 60 s).</summary>
    internal static async Task<List<Received>> Read(
        HttpClient client,
        string path,
        Func<List<Received>, bool> enough,
        string? lastEventId = null
    )
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var received = new List<Received>();
        try
        {
            await foreach (
                var item in SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token)
            )
            {
                received.Add(new Received(long.Parse(item.EventId!), item.EventType, JsonDocument.Parse(item.Data).RootElement));
                if (enough(received))
                    return received;
            }
        }
        catch (OperationCanceledException) { }
        Assert.Fail($"The stream ended or timed out after {received.Count} events without what the test waited for.");
        return received;
    }

    [Fact]
    public async Task An_idle_stream_answers_at_once_and_carries_a_heartbeat_comment()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await exchange
            .Gateway.CreateClient()
            .SendAsync(
                new HttpRequestMessage(HttpMethod.Get, "/api/feed?types=rightsexchange.marketdata.v1.InstrumentHalted"),
                HttpCompletionOption.ResponseHeadersRead,
                timeout.Token
            );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal(": heartbeat", await reader.ReadLineAsync(timeout.Token));
    }

    private static bool Has(List<Received> events, string instrument, string type) =>
        events.Any(e => e.Subject == instrument && e.Type == type);

    [Fact]
    public async Task Anonymous_readers_get_public_entries_without_counterparties_and_a_trader_also_gets_its_own_orders_only()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (seller, sellerApi, buyer, buyerApi) = await market.SellerAndBuyer(cea, 10, 10_000);
        var start = await FeedHead(exchange);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 10, 97m);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 10, 97m);

        var anonymous = await Read(exchange.Gateway.CreateClient(), $"/api/feed?after={start}", r =>
            Has(r, cea, "rightsexchange.settlement.v1.TradeSettled")
        );
        var trade = anonymous.Single(e => e.Subject == cea && e.Type == "rightsexchange.trading.v1.TradeExecuted");
        Assert.Equal(97m, trade.Data.GetProperty("price").GetDecimal());
        Assert.False(trade.Data.TryGetProperty("buyerId", out _));
        Assert.False(trade.Data.TryGetProperty("buyOrderId", out _));
        Assert.Equal("1.0", trade.CloudEvent.GetProperty("specversion").GetString());
        Assert.Equal("/rightsexchange/matching", trade.CloudEvent.GetProperty("source").GetString());
        Assert.Equal(trade.Id.ToString(), trade.CloudEvent.GetProperty("rxsequence").GetString());
        Assert.DoesNotContain(anonymous, e => e.Type.StartsWith("rightsexchange.orders.", StringComparison.Ordinal));

        var own = await Read(buyerApi, $"/api/feed?after={start}", r =>
            Has(r, cea, "rightsexchange.orders.v1.OrderFilled") && Has(r, cea, "rightsexchange.orders.v1.OrderAccepted")
        );
        var mine = own.Where(e => e.Type.StartsWith("rightsexchange.orders.", StringComparison.Ordinal)).ToList();
        Assert.All(mine, e => Assert.Equal(buyer, e.Data.GetProperty("participantId").GetString()));
        var fill = mine.Single(e => e.Type == "rightsexchange.orders.v1.OrderFilled");
        Assert.Equal(
            ("Buy", 10m, 0m),
            (
                fill.Data.GetProperty("side").GetString(),
                fill.Data.GetProperty("quantity").GetDecimal(),
                fill.Data.GetProperty("open").GetDecimal()
            )
        );
        Assert.DoesNotContain(own, e => e.Data.TryGetProperty("participantId", out var p) && p.GetString() == seller);
    }

    [Fact]
    public async Task A_reader_that_reconnects_with_Last_Event_ID_gets_exactly_the_entries_after_it()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (_, sellerApi, _, buyerApi) = await market.SellerAndBuyer(cea, 30, 10_000);
        var start = await FeedHead(exchange);
        for (var i = 0; i < 3; i++)
        {
            await Market.PlaceAccepted(sellerApi, cea, "Sell", 10, 97m);
            await Market.PlaceAccepted(buyerApi, cea, "Buy", 10, 97m);
        }
        await market.SettledQuantity(cea, 30);

        var client = exchange.Gateway.CreateClient();
        var whole = await Read(client, $"/api/feed?after={start}", r =>
            r.Count(e => e.Subject == cea && e.Type == "rightsexchange.settlement.v1.TradeSettled") == 3
        );
        Assert.True(whole.Count > 6);
        Assert.Equal(whole.Select(e => e.Id).Distinct().Order(), whole.Select(e => e.Id));

        // Disconnect after a few entries, reconnect from the last id seen: the rest, nothing missing, nothing twice.
        var cut = whole.Count / 2;
        var first = await Read(client, $"/api/feed?after={start}", r => r.Count == cut);
        var rest = await Read(client, "/api/feed", r => r.Count == whole.Count - cut, lastEventId: first[^1].Id.ToString());
        Assert.Equal(whole.Select(e => e.Id), first.Concat(rest).Select(e => e.Id));
        Assert.Equal(
            whole.Select(e => e.CloudEvent.GetProperty("id").GetString()),
            first.Concat(rest).Select(e => e.CloudEvent.GetProperty("id").GetString())
        );

        var bad = await client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/feed") { Headers = { { "Last-Event-ID", "yesterday" } } }
        );
        Assert.Equal("INVALID_LAST_EVENT_ID", await Market.Problem(bad, HttpStatusCode.BadRequest));
        var forged = await client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/feed") { Headers = { { "Authorization", "Bearer not-a-token" } } }
        );
        Assert.Equal("INVALID_TOKEN", await Market.Problem(forged, HttpStatusCode.Unauthorized));
    }

    /// <summary>
    /// A feed position at or a little before the present (the gateway log's chain head, which follows the log a moment
    /// behind): reading after it sees everything this test causes; the tests pick their own entries by subject.
    /// </summary>
    internal static async Task<long> FeedHead(ExchangeFixture exchange)
    {
        var regulator = await exchange.Regulator();
        var report = await regulator.GetFromJsonAsync<JsonElement>(
            "/api/audit/events?log=gateway&account=feed&limit=1",
            ExchangeFixture.Json
        );
        return report.GetProperty("cut").GetProperty("sequence").GetInt64();
    }
}
