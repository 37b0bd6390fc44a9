using System.Net;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Registry.V1;
using Spectre.Console;

namespace RightsExchange.Replay;

// The replay of ecological compensation agreements: concluded, observed, assessed and paid.
public sealed partial class Replayer
{
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
}
