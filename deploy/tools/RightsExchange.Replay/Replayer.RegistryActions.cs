using System.Net;
using NodaTime;
using NodaTime.Text;
using RightsExchange.Contracts.Registry.V1;
using Spectre.Console;

namespace RightsExchange.Replay;

// The replay of the registry transactions: surrenders, forward pledges, retirements and their lineage, cross-basin transfers.
public sealed partial class Replayer
{
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
}
