using System.Net;
using NodaTime;
using NodaTime.Text;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Biodiversity.V1;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using Spectre.Console;

namespace RightsExchange.Replay;

/// <summary>
/// Replays a scenario through the public API as its participants would, waits for every trade to settle, makes the
/// scenario's registry transactions (pledge, retirement, cross-basin transfer), concludes and assesses its ecological
/// compensation agreements, then checks each party's holdings and cash against what the scenario implies, and the
/// registry's conservation.
/// </summary>
public sealed class Replayer(GatewayClient api, Scenario scenario, TimeSpan settleTimeout)
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private readonly List<string> _failures = new();

    /// <summary>
    /// Returns the process exit code: 0 when every check held, 1 otherwise. With <paramref name="place"/> false nothing
    /// is registered or placed; the checks run against what an earlier replay left.
    /// </summary>
    public async Task<int> Run(bool place = true)
    {
        AnsiConsole.MarkupLine(
            place
                ? $"[bold]Replaying[/] {Markup.Escape(scenario.Name)}"
                : $"[bold]Checking[/] {Markup.Escape(scenario.Name)}, replayed earlier"
        );
        var regulator = await api.Token("regulator");
        if (place)
        {
            await SetUp(regulator);
            // Compensation first: an indicator target's assessment issues the units a documented case then trades.
            await Compensation(regulator);
            await PlaceOrders();
            await RunNetCycle(regulator);
        }
        var trades = await WaitForSettlement(regulator);
        PrintTrades(trades);
        if (place)
        {
            await RegistryActions(regulator);
            await Biodiversity(regulator);
            await Retail(regulator);
        }
        await CheckBalances(regulator, trades);
        await CheckConservation(regulator);

        if (_failures.Count == 0)
        {
            AnsiConsole.MarkupLine(
                "[green bold]All documented trades settled; registry transactions made; balances and conservation hold.[/]"
            );
            return 0;
        }
        foreach (var failure in _failures)
            AnsiConsole.MarkupLine($"[red]FAILED[/] {Markup.Escape(failure)}");
        return 1;
    }

    private async Task SetUp(string regulator)
    {
        foreach (var p in scenario.Participants)
            await Expect201(regulator, "/api/participants", p, $"register {p.ParticipantId}");
        foreach (var i in scenario.Instruments)
            await Expect201(regulator, "/api/instruments", i, $"list {i.GetProperty("instrumentId").GetString()}");
        var secondRegulator = await api.Token("regulator", subject: "replay-regulator-2");
        foreach (var i in scenario.Issuances)
        {
            // Four-eyes: one regulator proposes the issuance, a second approves it.
            var (status, proposal) = await api.Post(regulator, "/api/issuances", i);
            if (status != HttpStatusCode.Accepted)
                throw new InvalidOperationException(
                    $"Could not propose issuing {i.Quantity} {i.InstrumentId} to {i.ParticipantId}: {(int)status} {proposal}."
                );
            await Expect201(
                secondRegulator,
                $"/api/registry-actions/{proposal.GetProperty("actionId")}/approve",
                new { reason = "Matches the issuing body's notice" },
                $"approve issuing {i.Quantity} {i.InstrumentId} to {i.ParticipantId}"
            );
        }
        foreach (var d in scenario.Deposits)
            await Expect201(regulator, "/api/cash-deposits", d, $"deposit {d.Amount} CNY for {d.ParticipantId}");
        AnsiConsole.MarkupLine(
            $"Registered {scenario.Participants.Count} participants, listed {scenario.Instruments.Count} instruments, "
                + $"made {scenario.Issuances.Count} issuances (each proposed by one regulator, approved by another) and "
                + $"{scenario.Deposits.Count} deposits."
        );
    }

    private async Task Expect201(string token, string path, object body, string what)
    {
        var (status, answer) = await api.Post(token, path, body);
        if (status != HttpStatusCode.Created)
            throw new InvalidOperationException(
                $"Could not {what}: {(int)status} {answer}. The replay expects an empty ledger (deploy/run.sh starts from one)."
            );
    }

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

    /// <summary>Makes the scenario's registry transactions as their parties would, through the API, and prints what each did.</summary>
    private async Task RegistryActions(string regulator)
    {
        if (scenario.RegistryActions is not { Count: > 0 } actions)
            return;
        var table = new Table().Title("Registry transactions").RoundedBorder();
        foreach (var column in new[] { "row", "what", "outcome" })
            table.AddColumn(column);
        foreach (var a in actions)
        {
            var trader = await api.Token("trader", a.ParticipantId);
            var outcome = a.Kind switch
            {
                "Pledge" => await Expect(
                    trader,
                    "/api/pledges",
                    new
                    {
                        pledgorId = a.ParticipantId,
                        pledgeeId = a.Counterparty,
                        a.InstrumentId,
                        a.Quantity,
                        a.Reference,
                    },
                    body => $"pledged {a.Quantity:#,0.###} to {a.Counterparty}, frozen until released: pledge {body.GetProperty("id")}",
                    a
                ),
                "ForwardPledge" => await ForwardPledge(regulator, trader, a),
                "Retire" => await Retire(regulator, trader, a),
                "CrossBasinTransfer" => await CrossBasinTransfer(regulator, trader, a),
                "Surrender" => await Surrender(regulator, trader, a),
                "SurrenderShortfall" => await SurrenderShortfall(regulator, trader, a),
                _ => $"unknown kind {a.Kind}",
            };
            table.AddRow(Markup.Escape(a.Row), Markup.Escape(a.Title), Markup.Escape(outcome));
        }
        AnsiConsole.Write(table);
        foreach (var lineage in _lineages)
            WriteLineage(lineage);
    }

    /// <summary>Surrenders indicator units against the period's shortfall, then reads the compliance status back.</summary>
    private async Task<string> SurrenderShortfall(string regulator, string trader, RegistryActionSpec a)
    {
        var (status, answer) = await api.Post(
            trader,
            "/api/surrenders",
            new
            {
                a.ParticipantId,
                a.Period,
                a.InstrumentId,
                a.Quantity,
            }
        );
        if (status != HttpStatusCode.Created)
        {
            _failures.Add($"row {a.Row}: SurrenderShortfall refused: {(int)status} {answer}");
            return $"FAILED {(int)status}";
        }
        var compliance = await api.Get<ComplianceStatus>(regulator, $"/api/compliance/{a.ParticipantId}/{a.Period}");
        if (compliance.Status != ComplianceState.Compliant)
            _failures.Add($"row {a.Row}: {a.ParticipantId} is {compliance.Status} after surrendering its shortfall");
        return $"surrendered {a.Quantity:#,0.###} {a.InstrumentId} against its {a.Period} shortfall of {compliance.Emissions:#,0.###}: "
            + $"{compliance.Status}, {compliance.Outstanding:#,0.###} outstanding";
    }

    /// <summary>
    /// The pledgor pledges the units its project is still to be issued (row 7 as published); then a tranche is issued to
    /// the project, proposed by one regulator and approved by another, and the pledge is read back: the tranche must have
    /// arrived pledged under it.
    /// </summary>
    private async Task<string> ForwardPledge(string regulator, string trader, RegistryActionSpec a)
    {
        var loan = a.Loan!;
        var (status, answer) = await api.Post(
            trader,
            "/api/pledges/forward",
            new
            {
                pledgorId = a.ParticipantId,
                pledgeeId = a.Counterparty,
                a.InstrumentId,
                a.Project,
                expectedQuantity = a.Quantity,
                loanAmount = loan.Amount,
                loan.Maturity,
                loan.RepurchasePrice,
                loan.RepurchaseDate,
                a.Reference,
            }
        );
        if (status != HttpStatusCode.Created)
        {
            _failures.Add($"row {a.Row}: ForwardPledge refused: {(int)status} {answer}");
            return $"FAILED {(int)status}";
        }
        var pledgeId = answer.GetProperty("id").GetString();
        var registered =
            $"{a.Quantity:#,0.###} t to come pledged to {a.Counterparty} for a loan of {loan.Amount:#,0} CNY: " + $"pledge {pledgeId}";
        if (a.Tranche is not { } tranche)
            return registered;
        var (proposed, proposal) = await api.Post(
            regulator,
            "/api/issuances",
            new IssuanceSpec(a.InstrumentId, a.ParticipantId, tranche, a.Project)
        );
        if (proposed != HttpStatusCode.Accepted)
        {
            _failures.Add($"row {a.Row}: could not propose the tranche's issuance: {(int)proposed} {proposal}");
            return $"{registered}; tranche FAILED {(int)proposed}";
        }
        await Expect201(
            await api.Token("regulator", subject: "replay-regulator-2"),
            $"/api/registry-actions/{proposal.GetProperty("actionId")}/approve",
            new { reason = "Matches the issuing body's notice" },
            $"approve issuing {tranche} {a.InstrumentId} to {a.ParticipantId}"
        );
        var pledge = await api.Get<PledgeView>(regulator, $"/api/pledges/{pledgeId}");
        if (pledge.Arrived?.Amount != tranche)
            _failures.Add(
                $"row {a.Row}: {tranche} issued to the project, but {pledge.Arrived?.Amount ?? 0m} arrived "
                    + $"under forward pledge {pledgeId}"
            );
        return $"{registered}; a tranche of {tranche:#,0.###} t issued to the project arrived pledged "
            + $"({pledge.Arrived?.Amount ?? 0m:#,0.###} of {pledge.Forward?.ExpectedQuantity.Amount:#,0.###} t)";
    }

    /// <summary>Retires the units; the public record names their serials, whose lineage (issuance to retirement) is read back.</summary>
    private async Task<string> Retire(string regulator, string trader, RegistryActionSpec a)
    {
        var (status, answer) = await api.Post(
            trader,
            "/api/retirements",
            new
            {
                a.ParticipantId,
                a.InstrumentId,
                a.Quantity,
                a.Beneficiary,
                a.Purpose,
            }
        );
        if (status != HttpStatusCode.Created)
        {
            _failures.Add($"row {a.Row}: Retire refused: {(int)status} {answer}");
            return $"FAILED {(int)status}";
        }
        var id = answer.GetProperty("id").GetGuid();
        var record = await api.Get<RetirementRecorded>(token: null, $"/api/retirements/{id}");
        var serials = record.Serials ?? [];
        if (serials.Count > 0)
        {
            var lineage = await api.Get<SerialLineage>(
                regulator,
                $"/api/instruments/{a.InstrumentId}/lineage?first={serials.Min(b => b.First)}&last={serials.Max(b => b.Last)}"
            );
            _lineages.Add(lineage);
            if (lineage.Whereabouts.Any(w => w.Status != SerialMovement.Retired || w.Holder != a.ParticipantId))
                _failures.Add($"row {a.Row}: the lineage of the retired serials does not end in {a.ParticipantId}'s retirement.");
        }
        return $"retired {a.Quantity:#,0.###} for {a.Beneficiary}, serials {string.Join(", ", serials)}; the record, public: GET "
            + $"/api/retirements/{id}";
    }

    private static void WriteLineage(SerialLineage lineage)
    {
        var table = new Table()
            .Title(
                $"Lineage of {lineage.InstrumentId} serials {lineage.First}-{lineage.Last} (one serial = {lineage.QuantityStep} "
                    + $"{lineage.Unit})"
            )
            .RoundedBorder();
        foreach (var column in new[] { "step", "from", "to", "serials", "reference", "at (Asia/Shanghai)" })
            table.AddColumn(column);
        foreach (var s in lineage.Path)
            table.AddRow(
                s.Kind,
                s.From ?? "",
                s.To ?? "",
                string.Join(", ", s.Blocks),
                s.Reference,
                LocalDateTimePattern.GeneralIso.Format(s.At.InZone(Shanghai).LocalDateTime)
            );
        AnsiConsole.Write(table);
        foreach (var b in lineage.Batches)
            AnsiConsole.MarkupLine(
                Markup.Escape(
                    $"  batch {b.Batch}: serials {b.Serials.First}-{b.Serials.Last}, project \"{b.Project}\", issuing body "
                        + $"\"{b.IssuingBody}\", issued to {b.IssuedTo}"
                )
            );
    }

    /// <summary>The transfer is refused (the counterparty lies outside the basin), asked for, approved, and made.</summary>
    private async Task<string> CrossBasinTransfer(string regulator, string trader, RegistryActionSpec a)
    {
        var transfer = new
        {
            fromParticipantId = a.ParticipantId,
            toParticipantId = a.Counterparty,
            a.InstrumentId,
            a.Quantity,
            a.Price,
        };
        var (status, refusal) = await api.Post(trader, "/api/transfers", transfer);
        if (status != HttpStatusCode.UnprocessableEntity || refusal.GetProperty("reason").GetString() != "REGION_NOT_ALLOWED")
        {
            _failures.Add($"row {a.Row}: the cross-basin transfer was not refused REGION_NOT_ALLOWED: {(int)status} {refusal}");
            return "not refused";
        }
        var counterparty = await api.Token("trader", a.Counterparty);
        await Expect(
            counterparty,
            "/api/cross-region-approvals",
            new
            {
                participantId = a.Counterparty,
                a.InstrumentId,
                a.Reason,
            },
            _ => "",
            a
        );
        await Expect(
            regulator,
            $"/api/cross-region-approvals/{a.Counterparty}/{a.InstrumentId}/decisions",
            new { decision = "Approve", reason = "Within the inter-basin quota" },
            _ => "",
            a
        );
        return await Expect(
            trader,
            "/api/transfers",
            transfer,
            _ =>
                $"refused REGION_NOT_ALLOWED; {a.Counterparty} asked, a regulator approved; transferred {a.Quantity:#,0.###} at "
                + $"{a.Price:0.00} CNY/unit",
            a
        );
    }

    /// <summary>Emissions recorded; offsets beyond their share refused, then surrendered up to it; allowances for the rest; the status read
    /// back.</summary>
    private async Task<string> Surrender(string regulator, string trader, RegistryActionSpec a)
    {
        var offsets = a.OffsetQuantity(scenario);
        var period = a.Period ?? SystemClock.Instance.GetCurrentInstant().InZone(Shanghai).Year - 1;
        await Expect(
            regulator,
            "/api/compliance/emissions",
            new
            {
                a.ParticipantId,
                period,
                a.Emissions,
            },
            _ => "",
            a
        );
        var (status, refusal) = await api.Post(
            trader,
            "/api/surrenders",
            new
            {
                a.ParticipantId,
                period,
                instrumentId = a.OffsetInstrumentId,
                quantity = offsets + 1,
            }
        );
        if (status != HttpStatusCode.UnprocessableEntity || refusal.GetProperty("reason").GetString() != "OFFSET_LIMIT")
            _failures.Add($"row {a.Row}: offsets beyond the limit were not refused OFFSET_LIMIT: {(int)status} {refusal}");
        await Expect(
            trader,
            "/api/surrenders",
            new
            {
                a.ParticipantId,
                period,
                instrumentId = a.OffsetInstrumentId,
                quantity = offsets,
            },
            _ => "",
            a
        );
        await Expect(
            trader,
            "/api/surrenders",
            new
            {
                a.ParticipantId,
                period,
                a.InstrumentId,
                quantity = a.Emissions - offsets,
            },
            _ => "",
            a
        );
        var compliance = await api.Get<ComplianceStatus>(regulator, $"/api/compliance/{a.ParticipantId}/{period}");
        if (compliance.Status != ComplianceState.Compliant)
            _failures.Add($"row {a.Row}: {a.ParticipantId} is {compliance.Status} for {period}");
        return $"{a.Emissions:#,0} t verified; {offsets + 1:#,0} {a.OffsetInstrumentId} refused OFFSET_LIMIT; surrendered {offsets:#,0} "
            + $"{a.OffsetInstrumentId} "
            + $"and {a.Emissions - offsets:#,0} {a.InstrumentId}; {period} status: {compliance.Status} (deadline "
            + $"{compliance.Deadline?.ToString("uuuu-MM-dd", null)})";
    }

    private readonly List<SerialLineage> _lineages = [];

    private async Task<string> Expect(
        string token,
        string path,
        object body,
        Func<System.Text.Json.JsonElement, string> describe,
        RegistryActionSpec a
    )
    {
        var (status, answer) = await api.Post(token, path, body);
        if (status == HttpStatusCode.Created)
            return describe(answer);
        _failures.Add($"row {a.Row}: {a.Kind} refused at {path}: {(int)status} {answer}");
        return $"FAILED {(int)status}";
    }

    /// <summary>
    /// Each development consent: a regulator records it, the developer retires like-for-like credits and pays the fund for
    /// the rest, and the obligation is read back as anyone can; its status must be the one the scenario expects.
    /// </summary>
    private async Task Biodiversity(string regulator)
    {
        if (scenario.Biodiversity is not { Count: > 0 } consents)
            return;
        var table = new Table().Title("Biodiversity offset obligations").RoundedBorder();
        string[] columns = ["row", "consent", "line", "credits", "retired", "paid to the fund (CNY)", "owed by the fund", "status"];
        foreach (var column in columns)
            table.AddColumn(column);
        foreach (var c in consents)
        {
            var (status, answer) = await api.Post(regulator, "/api/biodiversity/consents", c.Consent);
            if (status != HttpStatusCode.Created)
            {
                _failures.Add($"{c.Title}: the consent was refused: {(int)status} {answer}");
                continue;
            }
            var consentId = answer.GetProperty("id").GetString();
            var developer = c.Consent.GetProperty("developerId").GetString()!;
            var trader = await api.Token("trader", developer);
            foreach (var r in c.Retirements)
                await Expect201(
                    trader,
                    $"/api/biodiversity/consents/{consentId}/retirements",
                    new
                    {
                        r.Requirement,
                        participantId = developer,
                        r.InstrumentId,
                        r.Quantity,
                    },
                    $"retire {r.Quantity} {r.InstrumentId} against {c.Title}"
                );
            foreach (var f in c.FundPayments)
                await Expect201(
                    trader,
                    $"/api/biodiversity/consents/{consentId}/fund-payments",
                    new
                    {
                        f.Requirement,
                        developerId = developer,
                        f.Credits,
                    },
                    $"pay the fund for {f.Credits} credits of {c.Title}"
                );
            var view = await api.Get<ObligationView>(null, $"/api/biodiversity/consents/{consentId}");
            if (view.Status != c.ExpectedStatus)
                _failures.Add($"{c.Title}: {view.Status}, expected {c.ExpectedStatus}");
            foreach (var line in view.Lines)
            {
                var of = line.Line.PlantCommunityType is { } pct ? $"PCT {pct}" : line.Line.Species!;
                var paid = view
                    .Transactions.Where(t => t.Requirement == line.Requirement && t.Kind == "FundPaid")
                    .Sum(t => t.Amount!.Value.Amount);
                table.AddRow(
                    c.Row,
                    Markup.Escape(view.Consent!.Reference),
                    Markup.Escape(of),
                    $"{line.Line.Credits:#,0.###}",
                    $"{line.RetiredByDeveloper:#,0.###}",
                    $"{paid:#,0.00}",
                    $"{line.OwedByFund:#,0.###}",
                    view.Status
                );
            }
        }
        AnsiConsole.Write(table);
        foreach (var c in consents)
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(c.Title)}: {Markup.Escape(c.Note)}[/]");
    }

    /// <summary>
    /// Each one-yuan sink: the seller's trader offers the sink, the member of the public signs up with an individual's
    /// token, a regulator records their deposit, they buy by amount, and the public retirement record is read back as
    /// anyone can; its quantity and serials must be those the scenario expects. The seller then withdraws what is unsold.
    /// </summary>
    private async Task Retail(string regulator)
    {
        if (scenario.Retail is not { Count: > 0 } purchases)
            return;
        var table = new Table().Title("One-yuan sinks (retail purchases, retired at once)").RoundedBorder();
        foreach (var column in new[] { "row", "buyer", "paid (CNY)", "bought", "serials", "beneficiary" })
            table.AddColumn(column);
        foreach (var r in purchases)
        {
            var seller = await api.Token("trader", r.SellerId);
            var (offered, offer) = await api.Post(
                seller,
                "/api/retail/offers",
                new
                {
                    r.InstrumentId,
                    r.Price,
                    quantity = r.Offered,
                }
            );
            var individual = await api.Token("individual", subject: r.Buyer.Subject);
            var (signedUp, signUp) = await api.Post(individual, "/api/retail/individuals", new { r.Buyer.Name, r.Buyer.Region });
            if (offered != HttpStatusCode.Created || signedUp != HttpStatusCode.Created)
            {
                _failures.Add($"{r.Title}: the offer ({(int)offered} {offer}) or the sign-up ({(int)signedUp} {signUp}) was refused");
                continue;
            }
            var offerId = offer.GetProperty("id").GetString();
            var buyerId = signUp.GetProperty("participantId").GetString()!;
            await Expect201(regulator, "/api/cash-deposits", new { participantId = buyerId, amount = r.Deposit }, $"deposit for {buyerId}");
            var (bought, purchase) = await api.Post(
                individual,
                "/api/retail/purchases",
                new
                {
                    offerId,
                    r.Amount,
                    r.Beneficiary,
                }
            );
            if (bought != HttpStatusCode.Created)
            {
                _failures.Add($"{r.Title}: the purchase was refused: {(int)bought} {purchase}");
                continue;
            }
            var record = await api.Get<RetirementRecorded>(null, $"/api/retirements/{purchase.GetProperty("id").GetString()}");
            var paid = r.Deposit - (await api.Get<AccountStatement>(individual, $"/api/accounts/{buyerId}")).Cash.Available;
            if (record.Quantity.Amount != r.ExpectedQuantity || paid != r.ExpectedPaid)
                _failures.Add($"{r.Title}: bought {record.Quantity} for {paid} CNY, expected {r.ExpectedQuantity} for {r.ExpectedPaid}");
            var (withdrawn, why) = await api.Delete(seller, $"/api/retail/offers/{offerId}");
            if (withdrawn != HttpStatusCode.Created)
                _failures.Add($"{r.Title}: the offer could not be withdrawn: {(int)withdrawn} {why}");
            var serials = string.Join(", ", (record.Serials ?? []).Select(b => $"batch {b.Batch}: {b.First}-{b.Last}"));
            var quantity = $"{record.Quantity.Amount:0.000#} {Markup.Escape(record.Quantity.Unit)}";
            table.AddRow(
                r.Row,
                Markup.Escape(buyerId),
                $"{paid:#,0.00}",
                quantity,
                Markup.Escape(serials),
                Markup.Escape(record.Beneficiary)
            );
        }
        AnsiConsole.Write(table);
        foreach (var r in purchases)
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(r.Title)}: {Markup.Escape(r.Note)}[/]");
    }

    /// <summary>
    /// Each compensation agreement: deposits, proposal by one regulator and approval by another, its later rounds (each
    /// an amendment approved the same way), the monitoring body's values, then each year assessed; prints every figure,
    /// the decision and the payments, and checks them against what the scenario says the published rule gives.
    /// </summary>
    private async Task Compensation(string regulator)
    {
        if (scenario.Compensation is not { Count: > 0 } agreements)
            return;
        var secondRegulator = await api.Token("regulator", subject: "replay-regulator-2");
        foreach (var c in agreements)
        {
            foreach (var d in c.Deposits)
                await Expect201(regulator, "/api/cash-deposits", d, $"deposit {d.Amount} CNY for {d.ParticipantId}");
            var (status, proposal) = await api.Post(regulator, "/api/compensation/agreements", c.Agreement);
            if (status != HttpStatusCode.Accepted)
                throw new InvalidOperationException($"Could not propose {c.Title}: {(int)status} {proposal}.");
            await Expect201(
                secondRegulator,
                $"/api/registry-actions/{proposal.GetProperty("actionId")}/approve",
                new { reason = "Signed by both provinces" },
                $"approve {c.Title}"
            );
            var path = $"/api/compensation/agreements/{proposal.GetProperty("id")}";
            foreach (var amendment in c.Amendments ?? [])
            {
                var (amended, answer) = await api.Post(regulator, $"{path}/amendments", amendment);
                if (amended != HttpStatusCode.Accepted)
                    throw new InvalidOperationException($"Could not propose a new round of {c.Title}: {(int)amended} {answer}.");
                await Expect201(
                    secondRegulator,
                    $"/api/registry-actions/{answer.GetProperty("actionId")}/approve",
                    new { reason = "Next round signed by the parties" },
                    $"approve a new round of {c.Title}"
                );
            }
            var monitor = await api.Token("trader", c.MonitoringBody);
            foreach (var o in c.Observations)
                await Expect201(
                    monitor,
                    $"{path}/observations",
                    new
                    {
                        o.Section,
                        o.Indicator,
                        o.Year,
                        o.Value,
                        monitoringBody = c.MonitoringBody,
                    },
                    $"record {o.Indicator} at {o.Section} for {o.Year}"
                );
            var table = new Table().Title($"Row {Markup.Escape(c.Row)}: {Markup.Escape(c.Title)}").RoundedBorder();
            foreach (var column in new[] { "year", "figures (value / baseline)", "index", "decision", "payments (CNY) or units", "status" })
                table.AddColumn(column);
            foreach (var a in c.Assessments)
            {
                var (assessed, answer) = await api.Post(regulator, $"{path}/assessments", new { a.Year });
                if (assessed != HttpStatusCode.Created)
                {
                    _failures.Add($"row {c.Row}: assessing {a.Year} refused: {(int)assessed} {answer}");
                    continue;
                }
                var year = System.Text.Json.JsonSerializer.Deserialize<CompensationYearView>(answer, ContractJson.Web())!;
                var made = year.Assessment.Payments.Select(p => new PaymentSpec(p.PayerId, p.PayeeId, p.Amount)).ToList();
                var issued = (year.Assessment.Balances ?? [])
                    .Where(b => b.Surplus > 0)
                    .Select(b => new IssuedSpec(b.PartyId, b.Surplus))
                    .ToList();
                if (
                    year.Status != a.Status
                    || year.Assessment.Decision != a.Decision
                    || !made.SequenceEqual(a.Payments)
                    || !issued.SequenceEqual(a.Issued ?? [])
                )
                    _failures.Add(
                        $"row {c.Row}, {a.Year}: {year.Status}, {year.Assessment.Decision}, {string.Join("; ", made)}, "
                            + $"{string.Join("; ", issued)}; the rule gives {a.Status}, {a.Decision}, "
                            + $"{string.Join("; ", a.Payments)}, "
                            + $"{string.Join("; ", a.Issued ?? [])}"
                    );
                table.AddRow(
                    $"{a.Year}",
                    Markup.Escape(
                        string.Join(
                            "\n",
                            year.Assessment.Figures.Select(f =>
                                $"{f.Section} {f.Indicator} {f.Value}/{f.Baseline} {f.Unit} = {f.Ratio:0.####}"
                            )
                        )
                    ),
                    year.Assessment.Index is { } index ? $"{index:0.####}" : "-",
                    Markup.Escape(year.Assessment.Decision),
                    Markup.Escape(
                        string.Join(
                            "\n",
                            made.Select(p => $"{p.PayerId} -> {p.PayeeId}: {p.Amount:#,0.00}")
                                .Concat(
                                    (year.Assessment.Balances ?? []).Select(b =>
                                        b.Surplus > 0
                                            ? $"{b.PartyId}: issued {b.Surplus:#,0.###} units"
                                            : $"{b.PartyId}: owes {b.Shortfall:#,0.###} units"
                                    )
                                )
                        )
                    ),
                    year.Status
                );
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(c.Note)}[/]");
            if (c.Agreement.TryGetProperty("fundAccountId", out var fund) && fund.GetString() is { } fundId)
                AnsiConsole.MarkupLine(
                    $"Fund {Markup.Escape(fundId)}: "
                        + $"{(await api.Get<AccountStatement>(regulator, $"/api/accounts/{fundId}")).Cash.Available:#,0.00} CNY"
                );
        }
    }

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
