using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;
using RightsExchange.Contracts;

namespace RightsExchange.Load;

/// <summary>
/// Drives crossing orders through the public API: <c>pairs</c> sell/buy pairs of one unit at the same price, from
/// several sellers and buyers, either with a fixed number of requests in flight (closed loop) or at a fixed rate
/// whatever the answers (open loop, <c>rate</c> orders per second, timed from when each order was due). Measures
/// POST→acknowledgement and POST→settled per order (the public TradeSettled event), and settled orders per second
/// over the whole run.
/// </summary>
public sealed class LoadRun(Uri gateway, int pairs, int concurrency, int traders, double? rate = null)
{
    /// <summary>Orders the run sends: two per pair.</summary>
    public int Orders => pairs * 2;

    private static readonly JsonSerializerOptions Json = ContractJson.Web();
    private readonly SetUpClient _api = new(gateway);

    private readonly HttpClient _orders = SetUpClient.Measured(gateway);
    private readonly string _run = DateTime.UtcNow.ToString("HHmmss");

    public string InstrumentId => $"LOAD-{_run}";

    private string _regulator = "";

    /// <summary>The checks after a run, as the regulator that prepared it (call <see cref="Prepare"/> first).</summary>
    public LoadChecks Checks => new(_api.Http, _regulator);

    public async Task Prepare()
    {
        var regulator = _regulator = await _api.Token(new { subject = "load-regulator", role = "regulator" });
        var secondRegulator = await _api.Token(new { subject = "load-regulator-2", role = "regulator" });
        await _api.Post(
            regulator,
            "/api/instruments",
            new
            {
                instrumentId = InstrumentId,
                name = "Load test allowance",
                @class = "Allowance",
                unit = "tCO2e",
                quantityStep = 1,
                vintage = 2024,
                region = "CN",
                tradingProfile = "national-cea-demo",
                referencePrice = 100m,
            }
        );
        for (var i = 0; i < traders; i++)
        {
            await _api.Post(
                regulator,
                "/api/participants",
                new
                {
                    participantId = Seller(i),
                    name = $"Load seller {i}",
                    kind = "Enterprise",
                    region = "CN",
                }
            );
            await _api.Post(
                regulator,
                "/api/participants",
                new
                {
                    participantId = Buyer(i),
                    name = $"Load buyer {i}",
                    kind = "Enterprise",
                    region = "CN",
                }
            );
            // Four-eyes: one regulator proposes the issuance, a second approves it.
            if (
                await _api.Post(
                    regulator,
                    "/api/issuances",
                    new
                    {
                        instrumentId = InstrumentId,
                        participantId = Seller(i),
                        quantity = pairs,
                    }
                ) is
                { } proposal
            )
                await _api.Post(secondRegulator, $"{proposal}/approve", new { reason = "Load test set-up" });
            await _api.Post(regulator, "/api/cash-deposits", new { participantId = Buyer(i), amount = pairs * 200m });
        }
    }

    public async Task<Report> Run()
    {
        var tokens = new Dictionary<string, string>();
        for (var i = 0; i < traders; i++)
        {
            tokens[Seller(i)] = await _api.Token(
                new
                {
                    subject = Seller(i),
                    role = "trader",
                    participantId = Seller(i),
                }
            );
            tokens[Buyer(i)] = await _api.Token(
                new
                {
                    subject = Buyer(i),
                    role = "trader",
                    participantId = Buyer(i),
                }
            );
        }
        var ack = new LongHistogram(TimeStamp.Minutes(10), 3);
        var posted = new System.Collections.Concurrent.ConcurrentDictionary<Guid, long>();
        var failures = 0;
        var retries = 0;
        var started = Stopwatch.GetTimestamp();

        // t0 is when the order was due, not when it went out, so a stalled system is charged for the orders it delayed.
        async Task Send(int n, long t0)
        {
            var pair = n / 2;
            var isSell = n % 2 == 0;
            var who = isSell ? Seller(pair % traders) : Buyer(pair % traders);
            // A 5xx says "retry with the same ids" (a back end failing over): as a client would, the same order again;
            // so does a request the gateway did not answer within the client's timeout.
            var response = await SetUpClient.SendRetrying(
                _orders,
                () =>
                    new HttpRequestMessage(HttpMethod.Post, "/api/orders")
                    {
                        Content = JsonContent.Create(
                            new
                            {
                                clientOrderId = $"{_run}-{n}",
                                instrumentId = InstrumentId,
                                side = isSell ? "Sell" : "Buy",
                                quantity = 1,
                                limitPrice = 100m,
                            },
                            options: Json
                        ),
                        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tokens[who]) },
                    },
                () => Interlocked.Increment(ref retries)
            );
            using var answer = response;
            var t1 = Stopwatch.GetTimestamp();
            if (response is not { IsSuccessStatusCode: true })
            {
                Interlocked.Increment(ref failures);
                return;
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
            posted[body.GetProperty("orderId").GetGuid()] = t0;
            lock (ack)
                ack.RecordValue(t1 - t0);
        }

        if (rate is { } perSecond)
        {
            var sends = new List<Task>(Orders);
            for (var n = 0; n < Orders; n++)
            {
                var due = started + (long)(n * (double)Stopwatch.Frequency / perSecond);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(1))
                    await Task.Delay(wait);
                var order = n;
                sends.Add(Task.Run(() => Send(order, due)));
            }
            await Task.WhenAll(sends);
        }
        else
        {
            var next = -1;
            async Task Worker()
            {
                for (var n = Interlocked.Increment(ref next); n < Orders; n = Interlocked.Increment(ref next))
                    await Send(n, Stopwatch.GetTimestamp());
            }
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        }
        var postedAll = Stopwatch.GetTimestamp();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (posted.Keys.Count(SettlementListener.SettledAt.ContainsKey) < posted.Count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var settle = new LongHistogram(TimeStamp.Minutes(10), 3);
        long lastSettled = started;
        foreach (var (order, t0) in posted)
        {
            if (!SettlementListener.SettledAt.TryGetValue(order, out var t1))
                continue;
            settle.RecordValue(t1 - t0);
            lastSettled = Math.Max(lastSettled, t1);
        }
        return new Report(
            Orders,
            posted.Count,
            (int)settle.TotalCount,
            failures,
            retries,
            Stopwatch.GetElapsedTime(started, postedAll),
            Stopwatch.GetElapsedTime(started, lastSettled),
            ack,
            settle
        );
    }

    private static string Seller(int i) => $"load-seller-{i}";

    private static string Buyer(int i) => $"load-buyer-{i}";
}

public sealed record Report(
    int Orders,
    int Acknowledged,
    int Settled,
    int Failures,
    int Retries,
    TimeSpan PostingTime,
    TimeSpan SettlingTime,
    LongHistogram Acknowledgement,
    LongHistogram Settlement
)
{
    public void Print(TextWriter output)
    {
        output.WriteLine(
            $"orders sent            {Orders:N0} ({Failures} refused or failed, {Retries} requests retried after a 5xx or "
                + $"no answer in 30 s)"
        );
        output.WriteLine(
            $"orders acknowledged    {Acknowledged:N0} in {PostingTime.TotalSeconds:0.0} s  = "
                + $"{Acknowledged / PostingTime.TotalSeconds:0} orders/s"
        );
        output.WriteLine(
            $"orders settled         {Settled:N0} in {SettlingTime.TotalSeconds:0.0} s  = "
                + $"{Settled / SettlingTime.TotalSeconds:0} orders/s (first POST to last TradeSettled)"
        );
        Percentiles(output, "POST -> acknowledgement", Acknowledgement);
        Percentiles(output, "POST -> settled", Settlement);
    }

    private static void Percentiles(TextWriter output, string what, LongHistogram h)
    {
        if (h.TotalCount == 0)
            return;
        double Ms(double p) => h.GetValueAtPercentile(p) * 1000.0 / Stopwatch.Frequency;
        output.WriteLine(
            $"{what, -24} p50 {Ms(50), 7:0.0} ms  p90 {Ms(90), 7:0.0} ms  p99 {Ms(99), 7:0.0} ms  max "
                + $"{h.GetMaxValue() * 1000.0 / Stopwatch.Frequency, 7:0.0} ms"
        );
    }
}
