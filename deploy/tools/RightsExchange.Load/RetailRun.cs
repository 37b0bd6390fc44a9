using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Retail.V1;

namespace RightsExchange.Load;

/// <summary>
/// One-yuan purchases through the public API: a forest farm offers a forestry sink listed for retail at 95.00 CNY/t,
/// <c>individuals</c> members of the public sign up and each buys for 1.00 CNY at a time (0.010 t, retired at once),
/// <c>concurrency</c> purchases in flight. A purchase is final when its 201 comes back (settled and retired in the
/// registry's commit), so one latency is measured: POST to answer.
/// </summary>
public sealed class RetailRun(Uri gateway, int purchases, int concurrency, int individuals)
{
    /// <summary>CNY per purchase: the one-yuan sink.</summary>
    public const decimal Amount = 1.00m;

    /// <summary>CNY per tonne of the offer; one yuan buys 0.010 t for 0.95 CNY.</summary>
    public const decimal Price = 95.00m;

    public const decimal QuantityPerPurchase = 0.010m;

    private static readonly JsonSerializerOptions Json = ContractJson.Web();
    private readonly SetUpClient _api = new(gateway);
    private readonly HttpClient _purchases = SetUpClient.Measured(gateway);
    private readonly string _run = DateTime.UtcNow.ToString("HHmmss");
    private readonly List<string> _tokens = [];
    private string _regulator = "";
    private Guid _offerId;

    public string InstrumentId => $"RETAIL-{_run}";

    /// <summary>The checks after a run, as the regulator that prepared it (call <see cref="Prepare"/> first).</summary>
    public LoadChecks Checks => new(_api.Http, _regulator);

    public async Task Prepare()
    {
        var regulator = _regulator = await _api.Token(new { subject = "load-regulator", role = "regulator" });
        var secondRegulator = await _api.Token(new { subject = "load-regulator-2", role = "regulator" });
        var seller = $"retail-forest-farm-{_run}";
        var offered = purchases * QuantityPerPurchase;
        await _api.Post(
            regulator,
            "/api/instruments",
            new
            {
                instrumentId = InstrumentId,
                name = "Load test forestry sink",
                @class = "ForestrySink",
                unit = "t",
                quantityStep = 0.1m,
                vintage = 2024,
                region = "CN",
                tradingProfile = "national-cea-demo",
                referencePrice = Price,
                retail = true,
            }
        );
        await _api.Post(
            regulator,
            "/api/participants",
            new
            {
                participantId = seller,
                name = "Load test forest farm",
                kind = "Enterprise",
                region = "CN",
            }
        );
        if (
            await _api.Post(
                regulator,
                "/api/issuances",
                new
                {
                    instrumentId = InstrumentId,
                    participantId = seller,
                    quantity = offered,
                    project = "Load test",
                }
            ) is
            { } proposal
        )
            await _api.Post(secondRegulator, $"{proposal}/approve", new { reason = "Load test set-up" });
        var sellerToken = await _api.Token(
            new
            {
                subject = $"trader-{seller}",
                role = "trader",
                participantId = seller,
            }
        );
        _offerId = Guid.NewGuid();
        await _api.Post(
            sellerToken,
            "/api/retail/offers",
            new
            {
                offerId = _offerId,
                instrumentId = InstrumentId,
                price = Price,
                quantity = offered,
            }
        );
        var perIndividual = Math.Ceiling((decimal)purchases / individuals) * Amount;
        for (var i = 0; i < individuals; i++)
        {
            var token = await _api.Token(new { subject = $"load-{_run}-person-{i}", role = "individual" });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/retail/individuals")
            {
                Content = JsonContent.Create(new { name = $"Load test person {i}" }, options: Json),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _api.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var participantId = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("participantId").GetString()!;
            await _api.Post(regulator, "/api/cash-deposits", new { participantId, amount = perIndividual });
            _tokens.Add(token);
        }
    }

    public async Task<RetailReport> Run()
    {
        var latency = new LongHistogram(TimeStamp.Minutes(10), 3);
        var failures = 0;
        var retries = 0;
        var next = -1;
        var started = Stopwatch.GetTimestamp();

        async Task Buy(int n)
        {
            // The purchase id makes a retry safe: the registry applies it once and answers a repeat "already applied".
            var purchaseId = Guid.NewGuid();
            var t0 = Stopwatch.GetTimestamp();
            using var response = await SetUpClient.SendRetrying(
                _purchases,
                () =>
                    new HttpRequestMessage(HttpMethod.Post, "/api/retail/purchases")
                    {
                        Content = JsonContent.Create(
                            new
                            {
                                purchaseId,
                                offerId = _offerId,
                                amount = Amount,
                                beneficiary = $"Load test person {n % individuals}",
                            },
                            options: Json
                        ),
                        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", _tokens[n % individuals]) },
                    },
                () => Interlocked.Increment(ref retries)
            );
            if (response is not { IsSuccessStatusCode: true })
            {
                Interlocked.Increment(ref failures);
                return;
            }
            lock (latency)
                latency.RecordValue(Stopwatch.GetTimestamp() - t0);
        }

        async Task Worker()
        {
            for (var n = Interlocked.Increment(ref next); n < purchases; n = Interlocked.Increment(ref next))
                await Buy(n);
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        var offer = await Get<RetailOfferView>($"/api/retail/offers/{_offerId}");
        return new RetailReport(purchases, (int)latency.TotalCount, failures, retries, Stopwatch.GetElapsedTime(started), latency, offer);
    }

    private async Task<T> Get<T>(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _regulator);
        using var response = await _api.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}

/// <summary>What a retail run did: purchases answered 201, refused or unanswered, how fast, and the offer afterwards.</summary>
public sealed record RetailReport(
    int Purchases,
    int Bought,
    int Failures,
    int Retries,
    TimeSpan Elapsed,
    LongHistogram Latency,
    RetailOfferView Offer
)
{
    /// <summary>True when every purchase was answered 201 and the offer sold exactly what they bought.</summary>
    public bool AllBought => Bought == Purchases && Failures == 0 && Offer.Sold == Purchases * RetailRun.QuantityPerPurchase;

    public void Print(TextWriter output)
    {
        output.WriteLine(
            $"purchases sent         {Purchases:N0} ({Failures} refused or failed, {Retries} requests retried after a 5xx "
                + $"or no answer in 30 s)"
        );
        output.WriteLine(
            $"purchases bought       {Bought:N0} in {Elapsed.TotalSeconds:0.0} s  = {Bought / Elapsed.TotalSeconds:0} "
                + $"purchases/s "
                + "(each settled and retired when answered)"
        );
        double Ms(double p) => Latency.GetValueAtPercentile(p) * 1000.0 / Stopwatch.Frequency;
        if (Latency.TotalCount > 0)
            output.WriteLine(
                $"POST -> 201             p50 {Ms(50), 7:0.0} ms  p90 {Ms(90), 7:0.0} ms  p99 {Ms(99), 7:0.0} ms  "
                    + $"max {Latency.GetMaxValue() * 1000.0 / Stopwatch.Frequency, 7:0.0} ms"
            );
        output.WriteLine(
            $"offer                  {Offer.Sold} t sold in {Offer.Purchases:N0} purchases, {Offer.Remaining} t left " + $"({Offer.Status})"
        );
    }
}
