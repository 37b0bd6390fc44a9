using System.Net;
using RightsExchange.Contracts.Biodiversity.V1;
using Spectre.Console;

namespace RightsExchange.Replay;

// The replay of biodiversity offsets: consents, like-for-like retirements, the conservation fund, stewardship.
public sealed partial class Replayer
{
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
}
