using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using Spectre.Console;

namespace RightsExchange.Replay;

// The replay of the checks afterwards: every party's holdings and cash against the scenario, and conservation.
public sealed partial class Replayer
{
    private async Task CheckBalances(string token, Dictionary<string, IReadOnlyList<TradeSettlementView>> trades)
    {
        var expectedUnits = new Dictionary<(string, string), decimal>();
        var expectedCash = new Dictionary<string, decimal>();
        foreach (var i in scenario.Issuances)
            Add(expectedUnits, (i.ParticipantId, i.InstrumentId), i.Quantity);
        foreach (var a in scenario.RegistryActions ?? [])
        {
            if (a.Kind == "Retire")
                Add(expectedUnits, (a.ParticipantId, a.InstrumentId), -a.Quantity);
            if (a.Kind == "Surrender")
            {
                Add(expectedUnits, (a.ParticipantId, a.OffsetInstrumentId!), -a.OffsetQuantity(scenario));
                Add(expectedUnits, (a.ParticipantId, a.InstrumentId), -(a.Emissions!.Value - a.OffsetQuantity(scenario)));
            }
            if (a.Kind == "SurrenderShortfall")
                Add(expectedUnits, (a.ParticipantId, a.InstrumentId), -a.Quantity);
            if (a.Kind == "ForwardPledge" && a.Tranche is { } tranche)
                Add(expectedUnits, (a.ParticipantId, a.InstrumentId), tranche);
            if (a.Kind == "CrossBasinTransfer")
            {
                Add(expectedUnits, (a.ParticipantId, a.InstrumentId), -a.Quantity);
                Add(expectedUnits, (a.Counterparty!, a.InstrumentId), a.Quantity);
            }
        }
        foreach (var d in scenario.Deposits)
            Add(expectedCash, d.ParticipantId, d.Amount);
        foreach (var c in scenario.Biodiversity ?? [])
        {
            var developer = c.Consent.GetProperty("developerId").GetString()!;
            foreach (var r in c.Retirements)
                Add(expectedUnits, (developer, r.InstrumentId), -r.Quantity);
            foreach (var f in c.FundPayments)
            {
                Add(expectedCash, developer, -f.Amount);
                Add(expectedCash, "biodiversity-conservation-fund", f.Amount);
            }
        }
        foreach (var r in scenario.Retail ?? [])
        {
            Add(expectedUnits, (r.SellerId, r.InstrumentId), -r.ExpectedQuantity);
            Add(expectedCash, r.SellerId, r.SellerReceives);
        }
        foreach (var c in scenario.Compensation ?? [])
        {
            foreach (var d in c.Deposits)
                Add(expectedCash, d.ParticipantId, d.Amount);
            if (c.Agreement.TryGetProperty("indicatorInstrumentId", out var units) && units.GetString() is { } unitsOf)
                foreach (var i in c.Assessments.SelectMany(a => a.Issued ?? []))
                    Add(expectedUnits, (i.ParticipantId, unitsOf), i.Quantity);
            foreach (var p in c.Assessments.SelectMany(a => a.Payments))
            {
                Add(expectedCash, p.PayerId, -p.Amount);
                Add(expectedCash, p.PayeeId, p.Amount);
            }
        }
        foreach (var t in trades.Values.SelectMany(x => x).Where(t => t.Status == "Settled"))
        {
            Add(expectedUnits, (t.BuyerId, t.InstrumentId), t.Quantity);
            Add(expectedUnits, (t.SellerId, t.InstrumentId), -t.Quantity);
            Add(expectedCash, t.BuyerId, -(t.Consideration + t.BuyerFee));
            Add(expectedCash, t.SellerId, t.Consideration - t.SellerFee);
        }

        var table = new Table().Title("Final balances").RoundedBorder();
        foreach (
            var column in new[]
            {
                "participant",
                "instrument",
                "available",
                "reserved",
                "pledged",
                "retired",
                "surrendered",
                "cash available (CNY)",
                "cash reserved (CNY)",
            }
        )
            table.AddColumn(column);
        foreach (var p in scenario.Participants)
        {
            var statement = await api.Get<AccountStatement>(token, $"/api/accounts/{p.ParticipantId}");
            var cashHeld = statement.Cash.Available + statement.Cash.Reserved;
            if (cashHeld != expectedCash.GetValueOrDefault(p.ParticipantId))
                _failures.Add(
                    $"{p.ParticipantId} holds {cashHeld} CNY; the settled trades imply {expectedCash.GetValueOrDefault(p.ParticipantId)}"
                );
            if (statement.Cash.Reserved != 0)
                _failures.Add($"{p.ParticipantId} still has {statement.Cash.Reserved} CNY reserved after every order completed");
            var first = true;
            foreach (var h in statement.Holdings)
            {
                var expected = expectedUnits.GetValueOrDefault((p.ParticipantId, h.InstrumentId));
                var held = h.Available + h.Reserved + h.Pledged;
                if (held != expected)
                    _failures.Add(
                        $"{p.ParticipantId} holds {held} {h.Unit} of {h.InstrumentId}; the settled trades and registry transactions "
                            + $"imply {expected}"
                    );
                if (h.Reserved != 0)
                    _failures.Add(
                        $"{p.ParticipantId} still has {h.Reserved} {h.Unit} of {h.InstrumentId} reserved after every order completed"
                    );
                table.AddRow(
                    first ? p.ParticipantId : "",
                    h.InstrumentId,
                    $"{h.Available:#,0.###} {h.Unit}",
                    $"{h.Reserved:#,0.###}",
                    $"{h.Pledged:#,0.###}",
                    $"{h.Retired:#,0.###}",
                    $"{h.Surrendered:#,0.###}",
                    first ? $"{statement.Cash.Available:#,0.00}" : "",
                    first ? $"{statement.Cash.Reserved:#,0.00}" : ""
                );
                first = false;
            }
            if (first)
                table.AddRow(
                    p.ParticipantId,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    $"{statement.Cash.Available:#,0.00}",
                    $"{statement.Cash.Reserved:#,0.00}"
                );
        }
        AnsiConsole.Write(table);
    }

    private async Task CheckConservation(string token)
    {
        var report = await api.Get<ConservationReport>(token, "/api/audit/conservation");
        var table = new Table().Title("Conservation (registry)").RoundedBorder();
        foreach (var column in new[] { "instrument", "issued", "held", "retired", "surrendered", "difference" })
            table.AddColumn(column);
        foreach (var line in report.Instruments)
            table.AddRow(
                line.InstrumentId,
                $"{line.Issued:#,0.###} {line.Unit}",
                $"{line.Held:#,0.###} {line.Unit}",
                $"{line.Retired:#,0.###}",
                $"{line.Surrendered:#,0.###}",
                $"{line.Difference:0.###}"
            );
        table.AddRow(
            "cash (CNY)",
            $"{report.Cash.Deposited:#,0.00}",
            $"{report.Cash.Held:#,0.00}",
            "",
            "",
            $"{report.Cash.Difference:0.00}"
        );
        AnsiConsole.Write(table);
        if (!report.Balanced)
            _failures.Add("conservation does not hold: see the table above");
    }

    private static void Add<TKey>(Dictionary<TKey, decimal> totals, TKey key, decimal amount)
        where TKey : notnull => totals[key] = totals.GetValueOrDefault(key) + amount;
}
