using System.Net;
using NodaTime;
using NodaTime.Text;
using RightsExchange.Contracts.Settlement.V1;
using Spectre.Console;

namespace RightsExchange.Replay;

// The replay of the documented trades: orders, block trades, the net cycle, waiting for settlement, the table of trades.
public sealed partial class Replayer
{
    private async Task PlaceOrders()
    {
        var runId = SystemClock.Instance.GetCurrentInstant().ToUnixTimeMilliseconds();
        foreach (var c in scenario.Cases)
        {
            if (c.Block)
            {
                await PlaceBlockTrade(c, runId);
                continue;
            }
            var n = 0;
            foreach (var o in c.Orders)
            {
                var token = await api.Token("trader", o.ParticipantId);
                var request = new
                {
                    clientOrderId = $"row{c.Row}-{++n}-{runId}",
                    instrumentId = c.InstrumentId,
                    side = o.Side,
                    quantity = o.Quantity,
                    limitPrice = o.LimitPrice,
                };
                var (status, answer) = await api.Post(token, "/api/orders", request);
                if (status != HttpStatusCode.Created && status != HttpStatusCode.Accepted)
                    _failures.Add($"row {c.Row}: {o.ParticipantId}'s {o.Side} order was refused: {answer}");
            }
        }
        AnsiConsole.MarkupLine(
            $"Placed {scenario.Cases.Sum(c => c.Orders.Count)} orders for {scenario.Cases.Count} documented trades; waiting for settlement."
        );
    }

    /// <summary>The proposer (first order) proposes the block to the counterparty (second order), who accepts it.</summary>
    private async Task PlaceBlockTrade(CaseSpec c, long runId)
    {
        var (proposer, counterparty) = (c.Orders[0], c.Orders[1]);
        var proposal = new
        {
            clientOrderId = $"row{c.Row}-block-{runId}",
            instrumentId = c.InstrumentId,
            side = proposer.Side,
            quantity = proposer.Quantity,
            price = proposer.LimitPrice,
            counterparty = counterparty.ParticipantId,
        };
        var (status, answer) = await api.Post(await api.Token("trader", proposer.ParticipantId), "/api/block-trades", proposal);
        if (status != HttpStatusCode.Created)
        {
            _failures.Add($"row {c.Row}: {proposer.ParticipantId}'s block proposal was refused: {answer}");
            return;
        }
        var proposalId = answer.GetProperty("orderId").GetString();
        (status, answer) = await api.Post(
            await api.Token("trader", counterparty.ParticipantId),
            $"/api/block-trades/{proposalId}/accept",
            new { clientOrderId = $"row{c.Row}-accept-{runId}" }
        );
        if (status != HttpStatusCode.Created)
            _failures.Add($"row {c.Row}: {counterparty.ParticipantId} could not accept block proposal {proposalId}: {answer}");
    }

    /// <summary>
    /// Trades of end-of-day net classes (pollutant and water rights by default) wait for the cut-off; the replay waits
    /// until every documented trade has executed, then runs the net cycle ahead of it, as the exchange's operator would.
    /// </summary>
    private async Task RunNetCycle(string regulator)
    {
        var deadline = DateTime.UtcNow + settleTimeout;
        foreach (var c in scenario.Cases)
        {
            while (
                (await api.Get<TradeList>(regulator, $"/api/instruments/{c.InstrumentId}/trades")).Trades.Sum(t => t.Quantity)
                    < c.ExpectedQuantity
                && DateTime.UtcNow < deadline
            )
                await Task.Delay(200);
        }
        var (status, answer) = await api.Post(regulator, "/api/settlement-cycles", new { });
        if (status != HttpStatusCode.OK)
        {
            _failures.Add($"the net cycle did not run: {(int)status} {answer}");
            return;
        }
        if (answer.GetProperty("cycleId").GetString() is not { } cycleId)
            return;
        var table = new Table()
            .Title($"Net cycle {Markup.Escape(cycleId)} ({answer.GetProperty("settlements").GetInt32()} settlements in one step)")
            .RoundedBorder();
        foreach (var column in new[] { "participant", "asset", "net" })
            table.AddColumn(column);
        foreach (var o in answer.GetProperty("obligations").EnumerateArray())
        {
            var unit = o.GetProperty("unit").GetString()!;
            var format = unit == "CNY" ? "+#,##0.00;-#,##0.00;0.00" : "+#,##0.###;-#,##0.###;0";
            table.AddRow(
                Markup.Escape(o.GetProperty("participantId").GetString()!),
                Markup.Escape(o.GetProperty("asset").GetString()!),
                $"{o.GetProperty("net").GetDecimal().ToString(format)} {Markup.Escape(unit)}"
            );
        }
        AnsiConsole.Write(table);
    }

    private async Task<Dictionary<string, IReadOnlyList<TradeSettlementView>>> WaitForSettlement(string token)
    {
        var deadline = DateTime.UtcNow + settleTimeout;
        var result = new Dictionary<string, IReadOnlyList<TradeSettlementView>>();
        foreach (var c in scenario.Cases)
        {
            while (true)
            {
                var trades = (await api.Get<TradeList>(token, $"/api/instruments/{c.InstrumentId}/trades")).Trades;
                var settled = trades.Where(t => t.Status == "Settled").Sum(t => t.Quantity);
                if (
                    trades.All(t => t.Status is not ("Instructed" or "Scheduled")) && settled >= c.ExpectedQuantity
                    || DateTime.UtcNow > deadline
                )
                {
                    result[c.InstrumentId] = trades;
                    if (settled != c.ExpectedQuantity)
                        _failures.Add($"row {c.Row}: {settled} of {c.ExpectedQuantity} settled on {c.InstrumentId}");
                    foreach (var failed in trades.Where(t => t.Status == "Failed"))
                        _failures.Add($"row {c.Row}: trade {failed.TradeId} failed to settle: {failed.FailureReason}");
                    break;
                }
                await Task.Delay(200);
            }
        }
        return result;
    }

    private void PrintTrades(Dictionary<string, IReadOnlyList<TradeSettlementView>> trades)
    {
        var table = new Table().Title("Settled documented trades").RoundedBorder();
        foreach (
            var column in new[]
            {
                "row",
                "instrument",
                "seller",
                "buyer",
                "quantity",
                "price (CNY)",
                "total (CNY)",
                "published",
                "settled at (Asia/Shanghai)",
            }
        )
            table.AddColumn(new TableColumn(column));
        foreach (var c in scenario.Cases)
        {
            var rows = trades[c.InstrumentId];
            foreach (var t in rows)
            {
                table.AddRow(
                    c.Row,
                    t.InstrumentId,
                    t.SellerId,
                    t.BuyerId,
                    $"{t.Quantity:#,0.###} {t.Unit}",
                    $"{t.Price:#,0.00}",
                    $"{t.Consideration:#,0.00}",
                    t == rows[0] && c.PublishedTotal is { } published ? $"{published:#,0}" : "",
                    t.SettledAt is { } at ? LocalDateTimePattern.GeneralIso.Format(at.InZone(Shanghai).LocalDateTime) : t.Status
                );
            }
        }
        AnsiConsole.Write(table);
    }
}
