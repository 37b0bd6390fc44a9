using System.Net;
using NodaTime;
using Spectre.Console;

namespace RightsExchange.Replay;

/// <summary>
/// Replays a scenario through the public API as its participants would, waits for every trade to settle, makes the
/// scenario's registry transactions (pledge, retirement, cross-basin transfer), concludes and assesses its ecological
/// compensation agreements, then checks each party's holdings and cash against what the scenario implies, and the
/// registry's conservation. One file per part: Replayer.Trades, .RegistryActions, .Biodiversity, .Retail, .Compensation
/// and .Checks; this one runs them in order.
/// </summary>
public sealed partial class Replayer(GatewayClient api, Scenario scenario, TimeSpan settleTimeout)
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
}
