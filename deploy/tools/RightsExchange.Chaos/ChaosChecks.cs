using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Operations.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Load;

namespace RightsExchange.Chaos;

/// <summary>
/// What must hold once the faults are over and the system has caught up: every order the API acknowledged has a final
/// state, no trade executed, settled or posted twice, every trade settled or failed exactly once, every trader's units
/// and cash the fold of the settled trades, conservation, reconciliation and the audit chains as the load tool checks
/// them, and every message dead-lettered accounted for by an alert. Counts what was lost and what was duplicated.
/// </summary>
public sealed class ChaosChecks(Gateways api, ChaosMarket market, string postgres, Uri rabbitManagement, string virtualHost)
{
    private static readonly JsonSerializerOptions Json = ContractJson.Web();
    private static readonly string[] FinalStates = ["Open", "PartiallyFilled", "Filled", "Cancelled", "Rejected"];
    private const string NoAnswer = "no answer";
    private volatile bool _unanswered;

    public int Lost { get; private set; }
    public int Unanswered { get; private set; }
    public int Duplicated { get; private set; }

    public async Task<IReadOnlyList<Check>> Run(OrderFlow flow)
    {
        var checks = new List<Check> { await Answered(flow), await OrdersFinal(flow), await ExactlyOnce(), await Balances() };
        checks.AddRange(await new LoadChecks(api.First, market.Regulator, TimeSpan.FromMinutes(3)).Ledgers());
        checks.Add(await DeadLetters());
        return checks;
    }

    private async Task<Check> OrdersFinal(OrderFlow flow)
    {
        var refused = flow.Orders.Where(o => o.Status == HttpStatusCode.UnprocessableEntity).GroupBy(o => o.Reason).ToList();
        var acknowledged = flow
            .Orders.Where(o => o.Status is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Accepted)
            .ToList();
        var unknownOrders = new ConcurrentBag<SentOrder>();
        var states = await States(acknowledged, unknownOrders);
        var unknown = states.GetValueOrDefault("unknown");
        var notLookedUp = states.GetValueOrDefault(NoAnswer);
        Lost += unknown;
        var held = unknown == 0 && notLookedUp == 0;
        var verdict =
            held ? "yes"
            : unknown > 0 ? $"NO ({unknown} unknown, {notLookedUp} not looked up; {await Traced(unknownOrders)})"
            : $"NOT CHECKED ({notLookedUp} orders not looked up: the API did not answer within {Gateways.GiveUpAfter})";
        return new(
            held,
            $"every acknowledged order final        {verdict}: "
                + string.Join(
                    ", ",
                    states.Where(s => s.Key is not ("unknown" or NoAnswer)).OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:N0}")
                )
                + (refused.Count > 0 ? "; refused " + string.Join(", ", refused.Select(r => $"{r.Key} {r.Count():N0}")) : "")
                + $"; cancels {flow.Cancels:N0}"
        );
    }

    /// <summary>
    /// Every request answered within <see cref="Gateways.GiveUpAfter"/> of retries. An order never answered is looked
    /// up by the id its client order id gives (<see cref="OrderIds.For"/>): placed and final, or never placed; either
    /// way nothing was lost, but the exchange was not available to that client.
    /// </summary>
    private async Task<Check> Answered(OrderFlow flow)
    {
        var unanswered = flow.Orders.Where(o => o.Status is null).ToList();
        Unanswered = unanswered.Count + flow.CancelsUnanswered;
        if (Unanswered == 0)
            return new(true, "every request answered               yes");
        var found = await States(unanswered);
        var failures = unanswered
            .GroupBy(o => o.LastFailure ?? "none")
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} {g.Count():N0}");
        return new(
            false,
            $"every request answered               NO: {unanswered.Count:N0} orders "
                + $"(sent {unanswered.Min(o => o.SentAt).TotalSeconds:0.0}-{unanswered.Max(o => o.SentAt).TotalSeconds:0.0} s; "
                + $"since in the book: {string.Join(", ", found.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:N0}"))}; "
                + $"last failure: {string.Join(", ", failures)}), {flow.CancelsUnanswered:N0} cancels"
        );
    }

    /// <summary>
    /// How many of <paramref name="orders"/> are in each state now: "unknown" when the exchange answered that it has no
    /// such order, <see cref="NoAnswer"/> when it gave no answer (which is not a loss, but leaves the check undone).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, int>> States(IReadOnlyList<SentOrder> orders, ConcurrentBag<SentOrder>? unknown = null)
    {
        var states = new ConcurrentDictionary<string, int>();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(
            orders.Select(async o =>
            {
                await gate.WaitAsync();
                try
                {
                    var state = await StateOf(o);
                    if (state is null)
                        unknown?.Add(o);
                    states.AddOrUpdate(state ?? "unknown", 1, (_, n) => n + 1);
                }
                finally
                {
                    gate.Release();
                }
            })
        );
        return states;
    }

    /// <summary>
    /// The order's state in matching; for an order answered 202, a refusal by the registry found later; <see cref="NoAnswer"/>
    /// when the API did not answer; else null.
    /// </summary>
    private async Task<string?> StateOf(SentOrder order)
    {
        var orderId = order.OrderId ?? OrderIds.For(order.Trader, order.ClientOrderId);
        // Once a look-up went unanswered for the whole retry period, the others are not waited for as long.
        var answer = await api.Send(
            HttpMethod.Get,
            $"/api/orders/{orderId}",
            market.Regulator,
            giveUpAfter: _unanswered ? TimeSpan.FromSeconds(5) : null
        );
        if (answer is null)
        {
            _unanswered = true;
            return NoAnswer;
        }
        if (answer.Status == HttpStatusCode.OK)
        {
            var status = answer.Body.GetProperty("status").GetString();
            return FinalStates.Contains(status) ? status : null;
        }
        if (order.Status is not (null or HttpStatusCode.Accepted) || answer.Status != HttpStatusCode.NotFound)
            return null;
        var path = await api.Send(HttpMethod.Get, $"/api/audit/orders/{orderId}/path", market.Regulator);
        return
            path?.Status == HttpStatusCode.OK
            && path.Body.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "order_funding_rejected")
            ? "FundingRejected"
            : null;
    }

    /// <summary>
    /// How far the first few unknown orders got, for whoever investigates a loss: the answer the client had, when it
    /// was sent, whether accounts recorded the command in its inbox, the events of the order's registry stream, and
    /// whether matching journaled it.
    /// </summary>
    private async Task<string> Traced(IEnumerable<SentOrder> unknown)
    {
        await using var db = NpgsqlDataSource.Create(postgres);
        var lines = new List<string>();
        foreach (var order in unknown.OrderBy(o => o.SentAt).Take(5))
        {
            var id = order.OrderId ?? OrderIds.For(order.Trader, order.ClientOrderId);
            var inbox = await Scalar(db, "select count(*)::text from accounts.rx_inbox where id = $1::uuid", id.ToString());
            var registry = await Scalar(
                db,
                "select coalesce(string_agg(type || '@' || seq_id, ' ' order by version), '-') "
                    + "from accounts.mt_events where stream_id = $1",
                $"order:{id}"
            );
            var journal = await Scalar(
                db,
                "select coalesce(string_agg(type || '@' || seq_id, ' '), '-') from matching.mt_events "
                    + "where data->'Order'->>'OrderId' = $1 or data->>'OrderId' = $1",
                id.ToString()
            );
            lines.Add(
                $"{id} ({order.Trader} {order.ClientOrderId}, {(int?)order.Status} at {order.SentAt.TotalSeconds:0.0} s): "
                    + $"accounts inbox {inbox}, registry {registry}, matching {journal}"
            );
        }
        return string.Join(" | ", lines);
    }

    private static async Task<string> Scalar(NpgsqlDataSource db, string sql, string parameter)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        return (await command.ExecuteScalarAsync())?.ToString() ?? "-";
    }

    private async Task<Check> ExactlyOnce()
    {
        await using var db = NpgsqlDataSource.Create(postgres);
        var instrument = market.InstrumentId;
        var (executed, distinctTrades) = await Pair(
            db,
            "select count(*), count(distinct data->>'TradeId') from matching.mt_events "
                + "where stream_id = $1 and type = 'trade_executed'",
            $"book:{instrument}"
        );
        var (outcomes, settledOrFailed) = await Pair(
            db,
            "select count(*), count(distinct stream_id) from settlement.mt_events "
                + "where type in ('trade_settled', 'settlement_failed') and data->>'InstrumentId' = $1",
            instrument
        );
        var (postings, posted) = await Pair(
            db,
            "select count(*), count(distinct data->>'SettlementId') from accounts.mt_events "
                + "where type in ('settlement_posted', 'settlement_refused') and data->>'SettlementId' like $1",
            $"{instrument}-%"
        );
        var (deliveries, delivered) = await Pair(
            db,
            "select count(*), count(distinct data->>'SettlementId') from accounts.mt_events "
                + "where type = 'units_delivered' and data->>'SettlementId' like $1",
            $"{instrument}-%"
        );
        var duplicated = (executed - distinctTrades) + (outcomes - settledOrFailed) + (postings - posted) + (deliveries - delivered);
        var unsettled = distinctTrades - settledOrFailed;
        Duplicated += (int)duplicated;
        Lost += (int)Math.Max(0, unsettled);
        return new(
            duplicated == 0 && unsettled == 0 && posted == settledOrFailed,
            $"every trade once                     {distinctTrades:N0} trades executed, {settledOrFailed:N0} settled or failed once, "
                + $"{posted:N0} posted or refused once by the registry; {duplicated} duplicated, {unsettled} without an outcome"
        );
    }

    private static async Task<(long Count, long Distinct)> Pair(NpgsqlDataSource db, string sql, string parameter)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<Check> Balances()
    {
        var trades = (await Get<TradeList>($"/api/instruments/{market.InstrumentId}/trades"))
            .Trades.Where(t => t.Status == "Settled")
            .ToList();
        var wrong = new List<string>();
        foreach (var trader in market.Traders)
        {
            var units =
                ChaosMarket.Units
                + trades.Where(t => t.BuyerId == trader).Sum(t => t.Quantity)
                - trades.Where(t => t.SellerId == trader).Sum(t => t.Quantity);
            var cash =
                ChaosMarket.Cash
                - trades.Where(t => t.BuyerId == trader).Sum(t => t.Consideration + t.BuyerFee)
                + trades.Where(t => t.SellerId == trader).Sum(t => t.Consideration - t.SellerFee);
            var account = await Get<AccountStatement>($"/api/accounts/{trader}");
            var holding = account.Holdings.SingleOrDefault(h => h.InstrumentId == market.InstrumentId);
            var heldUnits = (holding?.Available ?? 0) + (holding?.Reserved ?? 0);
            var heldCash = account.Cash.Available + account.Cash.Reserved;
            if (heldUnits != units || heldCash != cash)
                wrong.Add($"{trader}: {heldUnits} tCO2e and {heldCash} CNY, the trades imply {units} and {cash}");
        }
        return new(
            wrong.Count == 0,
            $"balances = fold of settled trades    {(wrong.Count == 0
            ? $"yes, {market.Traders.Count} traders over {trades.Count:N0} settled trades"
            : $"NO: {string.Join("; ", wrong.Take(3))}")}"
        );
    }

    private async Task<Check> DeadLetters()
    {
        using var rabbit = new HttpClient { BaseAddress = rabbitManagement, Timeout = TimeSpan.FromSeconds(30) };
        var credentials = rabbitManagement.UserInfo.Length > 0 ? Uri.UnescapeDataString(rabbitManagement.UserInfo) : "guest:guest";
        rabbit.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))
        );
        var queues = await rabbit.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(virtualHost)}?columns=name,messages");
        var dead = queues
            .EnumerateArray()
            .Where(q => q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal))
            .Sum(q => q.TryGetProperty("messages", out var m) ? m.GetInt64() : 0);
        var alerts = (await Get<AlertList>("/api/alerts?limit=100")).Alerts.Count;
        return new(dead <= alerts, $"dead letters raised alerts           {dead} in _error queues, {alerts} alerts recorded");
    }

    private async Task<T> Get<T>(string path)
    {
        var answer = await api.Send(HttpMethod.Get, path, market.Regulator)
            ?? throw new InvalidOperationException($"GET {path}: no answer.");
        if (answer.Status != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path}: {(int)answer.Status} {answer.Body}");
        return answer.Body.Deserialize<T>(Json)!;
    }
}
