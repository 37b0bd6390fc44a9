using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RightsExchange.Gateway.Webhooks;

namespace RightsExchange.IntegrationTests.Subscribers;

/// <summary>
/// Webhooks against a real HTTP receiver on loopback: signatures (Standard Webhooks), retries with backoff, the delivery
/// log, dead letters and sending one again. The fixture sets 4 attempts and 50 ms backoff.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class WebhookTests(ExchangeFixture exchange) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = ExchangeFixture.Json;
    private WebApplication _receiver = null!;
    private readonly ConcurrentQueue<(string Path, string Id, bool SignatureValid, JsonElement CloudEvent)> _received = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private string _base = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        // /flaky/{n} fails with 500 on its first two calls, /down/{n} always answers 503, /gone/{n} 410.
        _receiver.MapPost("/{mode}/{name}", async (string mode, string name, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var path = $"{mode}/{name}";
            var id = request.Headers[WebhookSignature.IdHeader].ToString();
            var valid =
                _secrets.TryGetValue(path, out var secret)
                && long.TryParse(request.Headers[WebhookSignature.TimestampHeader], out var ts)
                && WebhookSignature.Verify(secret, id, ts, body.ToArray(), request.Headers[WebhookSignature.SignatureHeader].ToString());
            _received.Enqueue((path, id, valid, JsonDocument.Parse(body.ToArray()).RootElement));
            var call = _calls.AddOrUpdate(path, 1, (_, n) => n + 1);
            return mode switch
            {
                "flaky" when call <= 2 => Results.StatusCode(500),
                "down" => Results.StatusCode(503),
                "gone" => Results.StatusCode(410),
                _ => Results.Ok(),
            };
        });
        await _receiver.StartAsync();
        _base = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    private readonly List<(HttpClient Owner, Guid Id)> _registered = [];

    public async Task DisposeAsync()
    {
        // Later tests trade other instruments; these webhooks must not keep calling a receiver that is gone.
        foreach (var (owner, id) in _registered)
            await owner.DeleteAsync($"/api/webhooks/{id}");
        await _receiver.DisposeAsync();
    }

    private async Task<(Guid Id, string Path)> Register(HttpClient trader, string mode, params string[] types)
    {
        var path = $"{mode}/{Guid.NewGuid():N}";
        var response = await trader.PostAsJsonAsync("/api/webhooks", new { url = $"{_base}/{path}", types }, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var hook = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        _secrets[path] = hook.GetProperty("secret").GetString()!;
        _registered.Add((trader, hook.GetProperty("id").GetGuid()));
        Assert.StartsWith("whsec_", _secrets[path]);
        return (hook.GetProperty("id").GetGuid(), path);
    }

    private static string Subject(JsonElement delivery) =>
        JsonDocument.Parse(delivery.GetProperty("body").GetString()!).RootElement.GetProperty("subject").GetString()!;

    private static async Task<List<JsonElement>> Deliveries(
        HttpClient trader,
        Guid webhook,
        Func<List<JsonElement>, bool> until,
        string what
    )
    {
        List<JsonElement> log = [];
        await Eventually.True(
            async () =>
            {
                log = [.. (await trader.GetFromJsonAsync<JsonElement>($"/api/webhooks/{webhook}/deliveries", Json)).EnumerateArray()];
                return until(log);
            },
            what
        );
        return log;
    }

    [Fact]
    public async Task A_delivery_that_fails_twice_is_retried_and_signed_and_a_participant_gets_only_its_own_fills()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (seller, sellerApi, buyer, buyerApi) = await market.SellerAndBuyer(cea, 10, 10_000);
        var (hook, path) = await Register(
            buyerApi,
            "flaky",
            "rightsexchange.trading.v1.TradeExecuted",
            "rightsexchange.orders.v1.OrderFilled"
        );
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 10, 97m);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 10, 97m);

        // The webhook also hears other tests' late trades; this test looks at its own instrument's deliveries.
        var log = await Deliveries(
            buyerApi,
            hook,
            l => l.Count(d => d.GetProperty("status").GetString() == "Delivered" && Subject(d) == cea) == 2,
            "both deliveries made"
        );
        var first = log.Where(d => Subject(d) == cea).MinBy(d => d.GetProperty("position").GetInt64());
        Assert.Equal("rightsexchange.trading.v1.TradeExecuted", first.GetProperty("type").GetString());
        var all = log.Where(d => d.GetProperty("position").GetInt64() <= first.GetProperty("position").GetInt64())
            .SelectMany(d => d.GetProperty("attempts").EnumerateArray());
        Assert.Equal([500, 500], all.Select(a => a.GetProperty("statusCode").GetInt32()).Where(c => c == 500));
        Assert.Equal(200, first.GetProperty("attempts").EnumerateArray().Last().GetProperty("statusCode").GetInt32());
        var received = _received.Where(r => r.Path == path && r.CloudEvent.GetProperty("subject").GetString() == cea).ToList();
        Assert.True(received.Count >= 2);
        Assert.All(received, r => Assert.True(r.SignatureValid, "signature"));
        var fill = received.Single(r => r.CloudEvent.GetProperty("type").GetString() == "rightsexchange.orders.v1.OrderFilled").CloudEvent;
        Assert.Equal(buyer, fill.GetProperty("data").GetProperty("participantId").GetString());
        Assert.DoesNotContain(received, r =>
            r.CloudEvent.GetProperty("data").TryGetProperty("participantId", out var p) && p.GetString() == seller
        );
        // A retried delivery keeps its webhook-id, so the receiver can drop copies.
        Assert.Single(
            received
                .Where(r => r.CloudEvent.GetProperty("type").GetString() == "rightsexchange.trading.v1.TradeExecuted")
                .Select(r => r.Id)
                .Distinct()
        );
    }

    [Fact]
    public async Task A_receiver_that_stays_down_gets_a_dead_letter_the_subscriber_sees_and_can_send_again()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (_, sellerApi, _, buyerApi) = await market.SellerAndBuyer(cea, 10, 10_000);
        var (down, _) = await Register(sellerApi, "down", "rightsexchange.trading.v1.TradeExecuted");
        var (gone, _) = await Register(sellerApi, "gone", "rightsexchange.trading.v1.TradeExecuted");
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 10, 97m);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 10, 97m);

        var dead = (
            await Deliveries(
                sellerApi,
                down,
                l => l.Any(d => d.GetProperty("status").GetString() == "DeadLettered" && Subject(d) == cea),
                "a dead letter"
            )
        ).First(d => d.GetProperty("status").GetString() == "DeadLettered" && Subject(d) == cea);
        Assert.Equal(4, dead.GetProperty("attempts").GetArrayLength());
        Assert.Contains("No success after 4 attempts", dead.GetProperty("reason").GetString());
        var refused = (
            await Deliveries(
                sellerApi,
                gone,
                l => l.Any(d => d.GetProperty("status").GetString() == "DeadLettered" && Subject(d) == cea),
                "a refusal"
            )
        ).First(d => d.GetProperty("status").GetString() == "DeadLettered" && Subject(d) == cea);
        Assert.Equal(1, refused.GetProperty("attempts").GetArrayLength());
        Assert.Contains("Refused by the receiver", refused.GetProperty("reason").GetString());

        var letters = await sellerApi.GetFromJsonAsync<JsonElement>($"/api/webhooks/{down}/deliveries?status=DeadLettered", Json);
        Assert.NotEqual(0, letters.GetArrayLength());
        var retry = await sellerApi.PostAsync($"/api/webhooks/{down}/deliveries/{dead.GetProperty("id").GetString()}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await Deliveries(
            sellerApi,
            down,
            l =>
                l.Any(d =>
                    d.GetProperty("status").GetString() == "DeadLettered"
                    && d.GetProperty("attempts").GetArrayLength() == 4
                    && d.GetProperty("id").GetString() == dead.GetProperty("id").GetString()
                    && d.GetProperty("completedAt").GetString() != dead.GetProperty("completedAt").GetString()
                ),
            "the retried dead letter fails again"
        );
        Assert.Equal(
            "DELIVERY_UNKNOWN",
            await Market.Problem(await sellerApi.PostAsync($"/api/webhooks/{gone}/deliveries/nope/retry", null), HttpStatusCode.NotFound)
        );
        Assert.Equal(
            "WEBHOOK_UNKNOWN",
            await Market.Problem(await buyerApi.GetAsync($"/api/webhooks/{down}/deliveries"), HttpStatusCode.NotFound)
        );
    }

    [Fact]
    public async Task Bad_registrations_are_refused_with_their_reason()
    {
        var market = await Market.Open(exchange);
        var (_, trader) = await market.Participant("hooker");
        var badUrl = await trader.PostAsJsonAsync("/api/webhooks", new { url = "ftp://example.org/hook" }, Json);
        Assert.Equal("INVALID_WEBHOOK_URL", await Market.Problem(badUrl, HttpStatusCode.BadRequest));
        var badType = await trader.PostAsJsonAsync(
            "/api/webhooks",
            new { url = "http://127.0.0.1:9/hook", types = new[] { "trade.happened" } },
            Json
        );
        Assert.Equal("UNKNOWN_EVENT_TYPE", await Market.Problem(badType, HttpStatusCode.BadRequest));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await market.Regulator.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/hook" }, Json)).StatusCode
        );
    }
}
