using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace RightsExchange.Chaos;

/// <summary>An order the run sent and what the API answered: 201, 200 (a retry), 202 (no decision in time), 422, or none.</summary>
/// <param name="SentAt">When it was first sent, from the start of the load.</param>
/// <param name="LastFailure">The last failed attempt's status and reason (or what went wrong on the wire), if any.</param>
public sealed record SentOrder(
    string ClientOrderId,
    string Trader,
    HttpStatusCode? Status,
    Guid? OrderId,
    string? Reason,
    TimeSpan SentAt,
    string? LastFailure
);

/// <summary>
/// Orders at a fixed rate whatever the answers (open loop): limit orders good till cancelled, one to five units,
/// around 100.00 CNY so that about half cross and the rest rest, from random traders, and one request in ten a cancel
/// of one of the sender's earlier orders. Each goes through <see cref="Gateways"/>, so a gateway down is another
/// gateway's request, and a request unanswered is sent again under the same client order id.
/// </summary>
public sealed class OrderFlow(Gateways api, ChaosMarket market, Random random)
{
    private readonly ConcurrentBag<SentOrder> _orders = [];
    private readonly ConcurrentDictionary<string, ConcurrentBag<Guid>> _byTrader = new();
    private int _cancels;
    private int _cancelsUnanswered;

    public IReadOnlyCollection<SentOrder> Orders => _orders;
    public int Cancels => _cancels;
    public int CancelsUnanswered => _cancelsUnanswered;

    /// <summary>
    /// Sends <paramref name="requests"/> requests at <paramref name="rate"/> a second; completes when every one has its answer.
    /// </summary>
    public async Task Run(int requests, double rate, string run)
    {
        var started = Stopwatch.GetTimestamp();
        var sends = new List<Task>(requests);
        for (var n = 0; n < requests; n++)
        {
            var due = started + (long)(n * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            var (trader, cancel, side, quantity, ticks) = Next();
            var clientOrderId = $"{run}-{n}";
            var sentAt = Stopwatch.GetElapsedTime(started);
            sends.Add(
                cancel
                    ? Task.Run(() => Cancel(trader))
                    : Task.Run(() => Place(trader, clientOrderId, side, quantity, 100m + ticks * 0.01m, sentAt))
            );
        }
        await Task.WhenAll(sends);
    }

    private (string Trader, bool Cancel, string Side, int Quantity, int Ticks) Next()
    {
        lock (random)
        {
            var trader = market.Traders[random.Next(market.Traders.Count)];
            var side = random.Next(2) == 0 ? "Buy" : "Sell";
            // Buys from 99.95 to 100.05 and sells likewise: a buy above a resting sell crosses.
            return (trader, random.Next(10) == 0, side, random.Next(1, 6), random.Next(-5, 6));
        }
    }

    private async Task Place(string trader, string clientOrderId, string side, int quantity, decimal price, TimeSpan sentAt)
    {
        string? lastFailure = null;
        var answer = await api.Send(
            HttpMethod.Post,
            "/api/orders",
            market.TokenOf(trader),
            new
            {
                clientOrderId,
                instrumentId = market.InstrumentId,
                side,
                quantity,
                limitPrice = price,
                timeInForce = "GoodTillCancelled",
            },
            failed: f => lastFailure = f
        );
        var body = answer?.Body ?? default;
        var isObject = body.ValueKind == System.Text.Json.JsonValueKind.Object;
        Guid? orderId = isObject && body.TryGetProperty("orderId", out var id) ? id.GetGuid() : null;
        var reason = isObject && body.TryGetProperty("reason", out var why) ? why.GetString() : null;
        _orders.Add(new SentOrder(clientOrderId, trader, answer?.Status, orderId, reason, sentAt, lastFailure));
        if (orderId is { } placed && answer!.Status is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Accepted)
            _byTrader.GetOrAdd(trader, _ => []).Add(placed);
    }

    private async Task Cancel(string trader)
    {
        Interlocked.Increment(ref _cancels);
        if (!_byTrader.TryGetValue(trader, out var placed) || placed.IsEmpty)
            return;
        Guid orderId;
        lock (random)
            orderId = placed.ElementAt(random.Next(placed.Count));
        // 200 cancelled, 404 already filled or cancelled: both final; only no answer at all counts against the run.
        if (await api.Send(HttpMethod.Delete, $"/api/orders/{orderId}", market.TokenOf(trader)) is null)
            Interlocked.Increment(ref _cancelsUnanswered);
    }
}
