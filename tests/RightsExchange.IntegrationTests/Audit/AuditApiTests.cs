using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting.Audit;

namespace RightsExchange.IntegrationTests.Audit;

/// <summary>The regulators' audit API over the live services: queries, the order path, positions as of an instant, exports,
/// verification.</summary>
[Collection(ExchangeCollection.Name)]
public sealed class AuditApiTests(ExchangeFixture exchange)
{
    private static readonly JsonSerializerOptions Json = ExchangeFixture.Json;

    private async Task<(
        Market Market,
        string Instrument,
        string Seller,
        string Buyer,
        Guid BuyOrder,
        DateTimeOffset BeforeTrading
    )> SettledTrade()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (seller, sellerApi, buyer, buyerApi) = await market.SellerAndBuyer(cea, 10, 10_000);
        await Task.Delay(50);
        var beforeTrading = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 10, 97m);
        var buy = await Market.PlaceAccepted(buyerApi, cea, "Buy", 10, 97m);
        await market.SettledQuantity(cea, 10);
        return (market, cea, seller, buyer, buy, beforeTrading);
    }

    /// <summary>Reads <c>/api/audit/events</c> until the page holds an event of <paramref name="type"/> (the chain follows the log a moment
    /// behind).</summary>
    private static async Task<JsonElement> EventsUntil(HttpClient regulator, string query, string type)
    {
        JsonElement page = default;
        await Eventually.True(
            async () =>
            {
                page = await regulator.GetFromJsonAsync<JsonElement>($"/api/audit/events?{query}", Json);
                return page.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("type").GetString() == type);
            },
            $"a {type} event in /api/audit/events?{query}"
        );
        return page;
    }

    [Fact]
    public async Task Events_naming_a_participant_come_in_store_order_each_with_its_link_and_pages_join_without_gaps()
    {
        var (market, cea, _, buyer, _, _) = await SettledTrade();
        var all = await EventsUntil(market.Regulator, $"log=accounts&participant={buyer}&limit=1000", "consideration_paid");
        var events = all.GetProperty("events").EnumerateArray().ToList();
        Assert.All(events, e => Assert.Contains(buyer, e.GetProperty("stream").GetString() + e.GetProperty("data").GetRawText()));
        Assert.Equal(
            events.Select(e => e.GetProperty("sequence").GetInt64()).Order(),
            events.Select(e => e.GetProperty("sequence").GetInt64())
        );
        Assert.All(events, e => Assert.Equal(64, e.GetProperty("chainHash").GetString()!.Length));
        var cut = all.GetProperty("cut");
        Assert.True(cut.GetProperty("sequence").GetInt64() >= events[^1].GetProperty("sequence").GetInt64());

        // Two at a time, up to the same cut: the same events.
        var paged = new List<long>();
        long? after = 0;
        while (after is { } a)
        {
            var page = await market.Regulator.GetFromJsonAsync<JsonElement>(
                $"/api/audit/events?log=accounts&participant={buyer}&limit=2&after={a}",
                Json
            );
            paged.AddRange(
                page.GetProperty("events")
                    .EnumerateArray()
                    .Select(e => e.GetProperty("sequence").GetInt64())
                    .Where(s => s <= cut.GetProperty("sequence").GetInt64())
            );
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }
        Assert.Equal(events.Select(e => e.GetProperty("sequence").GetInt64()), paged);

        // Criteria combine: the buyer's cash account alone, and the instrument's book in the matching log.
        var cash = await market.Regulator.GetFromJsonAsync<JsonElement>($"/api/audit/events?log=accounts&account=cash:{buyer}", Json);
        Assert.All(cash.GetProperty("events").EnumerateArray(), e => Assert.Equal($"cash:{buyer}", e.GetProperty("stream").GetString()));
        var book = await EventsUntil(market.Regulator, $"log=matching&instrument={cea}", "trade_executed");
        Assert.Contains(book.GetProperty("events").EnumerateArray(), e => e.GetProperty("stream").GetString() == $"book:{cea}");
    }

    [Fact]
    public async Task The_path_of_an_order_runs_from_funding_through_its_fill_to_settlement_and_the_ledger_movements()
    {
        var (market, _, _, _, buyOrder, _) = await SettledTrade();
        JsonElement path = default;
        await Eventually.True(
            async () =>
            {
                // Each log is cut at its own chain head, and the three chains are extended independently: until one covers
                // the order, no log names it (404 ORDER_UNKNOWN).
                using var response = await market.Regulator.GetAsync($"/api/audit/orders/{buyOrder}/path");
                if (response.StatusCode == HttpStatusCode.NotFound)
                    return false;
                path = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Json);
                var types = path.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
                return new[] { "consideration_paid", "trade_executed", "trade_settled" }.All(types.Contains);
            },
            "every log's chain covers the order's path: its fill, its settlement and its cash movement"
        );
        var steps = path.GetProperty("events")
            .EnumerateArray()
            .Select(e => (Log: e.GetProperty("log").GetString(), Type: e.GetProperty("type").GetString()))
            .ToList();
        Assert.Single(path.GetProperty("trades").EnumerateArray());
        Assert.Contains(("matching", "order_accepted"), steps);
        Assert.Contains(("matching", "trade_executed"), steps);
        Assert.Contains(("settlement", "trade_settled"), steps);
        Assert.Contains(("accounts", "units_received"), steps);
        var times = path.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("timestamp").GetString()!).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);

        var unknown = await market.Regulator.GetAsync($"/api/audit/orders/{Guid.NewGuid()}/path");
        Assert.Equal("ORDER_UNKNOWN", await Market.Problem(unknown, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Positions_as_of_an_instant_before_trading_and_now_and_every_holder_of_an_instrument()
    {
        var (market, cea, seller, buyer, _, beforeTrading) = await SettledTrade();
        PositionReport now = null!;
        await Eventually.True(
            async () =>
            {
                now = (await market.Regulator.GetFromJsonAsync<PositionReport>($"/api/audit/positions?instrument={cea}", Json))!;
                return now.Positions.Any(p => p.ParticipantId == buyer);
            },
            "the buyer's position is chained"
        );
        var holder = Assert.Single(now.Positions);
        Assert.Equal((buyer, 10m, 0m), (holder.ParticipantId, holder.Available, holder.Reserved));

        var before = (
            await market.Regulator.GetFromJsonAsync<PositionReport>(
                $"/api/audit/positions?instrument={cea}&asOf={beforeTrading:yyyy-MM-ddTHH:mm:ss.fffZ}",
                Json
            )
        )!;
        var then = Assert.Single(before.Positions);
        Assert.Equal((seller, 10m), (then.ParticipantId, then.Available));

        var csv = await market.Regulator.GetStringAsync($"/api/audit/positions?participant={buyer}&format=csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("participantId,instrumentId,unit,available,reserved,pledged", lines[0].TrimEnd('\r'));
        Assert.Equal($"{buyer},{cea},tCO2e,10,0,0", lines[1].TrimEnd('\r'));
    }

    [Fact]
    public async Task An_unfiltered_export_is_streamed_with_its_cut_and_every_link_can_be_recomputed_from_the_rows()
    {
        var (market, _, _, _, _, _) = await SettledTrade();
        using var response = await market.Regulator.GetAsync(
            "/api/audit/events/export?log=settlement&format=jsonl",
            HttpCompletionOption.ResponseHeadersRead
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cut = response.Headers.GetValues("RX-Audit-Cut").Single().Split(':');
        Assert.Equal("settlement", cut[0]);
        var previous = AuditChain.Genesis;
        var rows = 0;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            var row = JsonDocument.Parse(line).RootElement;
            var stored = new StoredEvent(
                row.GetProperty("sequence").GetInt64(),
                row.GetProperty("stream").GetString()!,
                row.GetProperty("version").GetInt64(),
                row.GetProperty("type").GetString()!,
                DateTime.Parse(row.GetProperty("timestamp").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
                row.GetProperty("data").GetRawText()
            );
            previous = AuditChain.Link(previous, stored);
            Assert.Equal(row.GetProperty("chainHash").GetString(), AuditChain.Hex(previous));
            rows++;
        }
        Assert.True(rows > 0);
        Assert.Equal(cut[2], AuditChain.Hex(previous));

        var csv = await market.Regulator.GetStringAsync("/api/audit/events/export?log=settlement&format=csv");
        Assert.StartsWith("log,sequence,stream,version,type,timestamp,chainHash,data", csv);
    }

    [Fact]
    public async Task The_chains_verify_through_the_api_and_a_wrong_checkpoint_is_caught()
    {
        var market = await Market.Open(exchange);
        await market.Instrument();
        var regulator = market.Regulator;
        JsonElement report = default;
        long head = 0;
        await Eventually.True(
            async () =>
            {
                report = await regulator.GetFromJsonAsync<JsonElement>("/api/audit/chains", Json);
                head = report
                    .GetProperty("logs")
                    .EnumerateArray()
                    .Single(l => l.GetProperty("log").GetString() == "accounts")
                    .GetProperty("headSequence")
                    .GetInt64();
                return head > 0;
            },
            "the accounts chain covers the listing"
        );
        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());

        var forged = await regulator.GetFromJsonAsync<JsonElement>(
            $"/api/audit/chains?checkpoint=accounts:{head}:{new string('0', 64)}",
            Json
        );
        Assert.False(forged.GetProperty("intact").GetBoolean());
        var divergence = forged
            .GetProperty("logs")
            .EnumerateArray()
            .Single(l => l.GetProperty("log").GetString() == "accounts")
            .GetProperty("divergence");
        Assert.Equal("CHECKPOINT_MISMATCH", divergence.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Bad_audit_requests_get_problem_details_and_traders_are_kept_out()
    {
        var market = await Market.Open(exchange);
        Assert.Equal(
            "UNKNOWN_LOG",
            await Market.Problem(await market.Regulator.GetAsync("/api/audit/events?log=ledger"), HttpStatusCode.BadRequest)
        );
        Assert.Equal(
            "INVALID_INSTANT",
            await Market.Problem(
                await market.Regulator.GetAsync("/api/audit/events?log=accounts&from=yesterday"),
                HttpStatusCode.BadRequest
            )
        );
        Assert.Equal(
            "INVALID_LIMIT",
            await Market.Problem(await market.Regulator.GetAsync("/api/audit/events?log=accounts&limit=0"), HttpStatusCode.BadRequest)
        );
        Assert.Equal(
            "INVALID_FORMAT",
            await Market.Problem(
                await market.Regulator.GetAsync("/api/audit/events/export?log=accounts&format=xml"),
                HttpStatusCode.BadRequest
            )
        );
        Assert.Equal(
            "INVALID_CHECKPOINT",
            await Market.Problem(await market.Regulator.GetAsync("/api/audit/chains?checkpoint=accounts:12"), HttpStatusCode.BadRequest)
        );
        var (_, trader) = await market.Participant("nosy");
        Assert.Equal(HttpStatusCode.Forbidden, (await trader.GetAsync("/api/audit/events?log=accounts")).StatusCode);
    }
}
