using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;

namespace RightsExchange.IntegrationTests;

/// <summary>Test vocabulary over the public API: a fresh instrument and participants per test, so tests share the exchange
/// safely.</summary>
public sealed class Market(ExchangeFixture exchange, HttpClient regulator, HttpClient secondRegulator)
{
    private static readonly JsonSerializerOptions Json = ExchangeFixture.Json;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public HttpClient Regulator => regulator;

    /// <summary>Another regulator: the second pair of eyes that approves what <see cref="Regulator"/> proposes.</summary>
    public HttpClient SecondRegulator => secondRegulator;

    public static async Task<Market> Open(ExchangeFixture exchange) =>
        new(exchange, await exchange.Regulator(), await exchange.Regulator("test-regulator-2"));

    public string Id(string name) => $"{name}-{_suffix}";

    /// <summary>Lists an instrument on the national rules with an always-open calendar (tick 0.01, ±10% around
    /// <paramref name="referencePrice"/>), so tests run at any hour.</summary>
    public async Task<string> Instrument(
        string name = "CEA",
        decimal referencePrice = 97.5m,
        decimal step = 1m,
        bool sellableSameDay = true,
        string @class = "Allowance",
        string unit = "tCO2e",
        string region = "CN"
    )
    {
        var id = $"{name}-{_suffix}".ToUpperInvariant();
        await Created(
            await regulator.PostAsJsonAsync(
                "/api/instruments",
                new
                {
                    instrumentId = id,
                    name = $"Test {@class}",
                    @class,
                    unit,
                    quantityStep = step,
                    vintage = 2024,
                    region,
                    tradingProfile = "national-cea-demo",
                    referencePrice,
                    sellableSameDay,
                    pollutant = @class == "PollutantRight" ? "COD" : null,
                    waterSource = @class == "WaterRight" ? "Surface" : null,
                },
                Json
            )
        );
        return id;
    }

    /// <summary>Posts <paramref name="body"/> and returns the order id of a 201 answer, failing the test with the problem details
    /// otherwise.</summary>
    public static async Task<Guid> Accepted(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("orderId").GetGuid();
    }

    /// <summary>The <c>reason</c> of a problem-details answer, after checking its status.</summary>
    public static async Task<string> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString()!;
    }

    public async Task<(string Id, HttpClient Client)> Participant(string name, string region = "CN-AH", string kind = "Enterprise")
    {
        var id = Id(name);
        await Created(
            await regulator.PostAsJsonAsync(
                "/api/participants",
                new
                {
                    participantId = id,
                    name,
                    kind,
                    region,
                },
                Json
            )
        );
        return (id, await exchange.Trader(id));
    }

    /// <summary>A seller holding <paramref name="units"/> of the instrument and a buyer with <paramref name="cash"/> CNY, with their API
    /// clients.</summary>
    public async Task<(string Seller, HttpClient SellerApi, string Buyer, HttpClient BuyerApi)> SellerAndBuyer(
        string instrumentId,
        decimal units,
        decimal cash
    )
    {
        var (seller, sellerApi) = await Participant("seller");
        var (buyer, buyerApi) = await Participant("buyer");
        await Issue(instrumentId, seller, units);
        await Deposit(buyer, cash);
        return (seller, sellerApi, buyer, buyerApi);
    }

    /// <summary>
    /// Issues units: one regulator proposes (202), a second approves (201), as four-eyes requires. The batch names a
    /// project, which credits and sinks need and other rights ignore.
    /// </summary>
    public async Task Issue(string instrumentId, string participantId, decimal quantity, string project = "test project") =>
        await Created(
            await Approve(
                await regulator.PostAsJsonAsync(
                    "/api/issuances",
                    new
                    {
                        instrumentId,
                        participantId,
                        quantity,
                        project,
                    },
                    Json
                )
            )
        );

    /// <summary>Approves, as <see cref="SecondRegulator"/>, the action a 202 answer proposed; fails the test on any other answer.</summary>
    public async Task<HttpResponseMessage> Approve(HttpResponseMessage proposed)
    {
        Assert.True(
            proposed.StatusCode == HttpStatusCode.Accepted,
            $"{(int)proposed.StatusCode}: {await proposed.Content.ReadAsStringAsync()}"
        );
        return await secondRegulator.PostAsJsonAsync(
            $"{proposed.Headers.Location}/approve",
            new { reason = "Checked against the issuing body's notice" },
            Json
        );
    }

    public async Task Deposit(string participantId, decimal amount) =>
        await Created(await regulator.PostAsJsonAsync("/api/cash-deposits", new { participantId, amount }, Json));

    public static Task<HttpResponseMessage> Place(
        HttpClient trader,
        string instrumentId,
        string side,
        decimal quantity,
        decimal limitPrice
    ) =>
        trader.PostAsJsonAsync(
            "/api/orders",
            new
            {
                clientOrderId = Guid.NewGuid().ToString("N"),
                instrumentId,
                side,
                quantity,
                limitPrice,
            },
            Json
        );

    public static async Task<Guid> PlaceAccepted(HttpClient trader, string instrumentId, string side, decimal quantity, decimal limitPrice)
    {
        var response = await Place(trader, instrumentId, side, quantity, limitPrice);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("orderId").GetGuid();
    }

    public async Task<AccountStatement> Account(string participantId) =>
        (await regulator.GetFromJsonAsync<AccountStatement>($"/api/accounts/{participantId}", Json))!;

    /// <summary>The participant's balances in the instrument, without serial blocks (so that lines compare by value); null when it never
    /// held any.</summary>
    public async Task<HoldingLine?> Holding(string participantId, string instrumentId) =>
        await HoldingWithSerials(participantId, instrumentId) is { } line ? line with { Serials = null, PledgedSerials = null } : null;

    /// <summary>The participant's holding line with the serial blocks of credits and sinks.</summary>
    public async Task<HoldingLine?> HoldingWithSerials(string participantId, string instrumentId) =>
        (await Account(participantId)).Holdings.SingleOrDefault(h => h.InstrumentId == instrumentId);

    /// <summary>The lineage of serials <paramref name="first"/>..<paramref name="last"/> of the instrument, read by a regulator.</summary>
    public async Task<SerialLineage> Lineage(string instrumentId, long first, long last) =>
        (await regulator.GetFromJsonAsync<SerialLineage>($"/api/instruments/{instrumentId}/lineage?first={first}&last={last}", Json))!;

    public async Task<IReadOnlyList<TradeSettlementView>> Trades(string instrumentId) =>
        (await regulator.GetFromJsonAsync<TradeList>($"/api/instruments/{instrumentId}/trades", Json))!.Trades;

    public async Task<OrderView> Order(Guid orderId) => (await regulator.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}", Json))!;

    public async Task<ConservationReport> Conservation() =>
        (await regulator.GetFromJsonAsync<ConservationReport>("/api/audit/conservation", Json))!;

    /// <summary>Waits until <paramref name="settled"/> units of the instrument have settled (or fails after 60 s).</summary>
    public async Task<IReadOnlyList<TradeSettlementView>> SettledQuantity(string instrumentId, decimal settled)
    {
        IReadOnlyList<TradeSettlementView> trades = [];
        await Eventually.True(
            async () =>
            {
                trades = await Trades(instrumentId);
                return trades.Where(t => t.Status == "Settled").Sum(t => t.Quantity) == settled;
            },
            $"{settled} settled on {instrumentId}"
        );
        return trades;
    }

    private static async Task Created(HttpResponseMessage response) =>
        Assert.True(
            response.StatusCode == HttpStatusCode.Created,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
        );
}

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="what"/> after
    /// <paramref name="seconds"/>.</summary>
    public static async Task True(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls <paramref name="read"/> until it answers a value, and returns it; fails the test with <paramref name="what"/> after
    /// <paramref name="seconds"/>.</summary>
    public static async Task<T> Value<T>(Func<Task<T?>> read, string what, int seconds = 60)
        where T : class
    {
        T? value = null;
        await True(async () => (value = await read()) is not null, what, seconds);
        return value!;
    }
}
