using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Audit.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;

namespace RightsExchange.Load;

/// <summary>One check after a run: whether it held, and the line that says so.</summary>
public sealed record Check(bool Held, string Line);

/// <summary>
/// What must hold after a run, asked of the running system as a regulator would: conservation exact
/// (<c>GET /api/audit/conservation</c>), the settlement ledger and the registry reconciled (<c>POST /api/reconciliations</c>,
/// repeated while trades are still in flight, up to <paramref name="catchUp"/>) and every ledger log's audit chain
/// intact (<c>GET /api/audit/chains</c>). The load tool adds that every acknowledged order settled.
/// </summary>
public sealed class LoadChecks(HttpClient http, string regulatorToken, TimeSpan? catchUp = null)
{
    private static readonly JsonSerializerOptions Json = ContractJson.Web();

    /// <summary>The load run's checks; prints one line each and returns whether all held.</summary>
    public async Task<bool> Run(Report report, TextWriter output)
    {
        var settled = report.Settled == report.Acknowledged && report.Failures == 0;
        Check[] checks =
        [
            new(
                settled,
                "every acknowledged order settled     " + (settled ? "yes" : $"NO ({report.Settled:N0} of {report.Acknowledged:N0})")
            ),
            .. await Ledgers(),
        ];
        foreach (var check in checks)
            output.WriteLine($"check: {check.Line}");
        return checks.All(c => c.Held);
    }

    /// <summary>Conservation, reconciliation and the audit chains; a check that cannot run (no answer in time) does not hold.</summary>
    public async Task<IReadOnlyList<Check>> Ledgers() =>
        [await Try("conservation", Conservation), await Try("reconciliation", Reconciliation), await Try("audit chains", Chains)];

    private static async Task<Check> Try(string what, Func<Task<Check>> check)
    {
        try
        {
            return await check();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new(false, $"{what, -36} COULD NOT RUN: {ex.Message}");
        }
    }

    public async Task<Check> Conservation()
    {
        var conservation = await Get<ConservationReport>("/api/audit/conservation");
        return new(conservation.Balanced, $"conservation                         {(conservation.Balanced ? "exact" : "DIFFERS")}");
    }

    public async Task<Check> Reconciliation()
    {
        var deadline = DateTime.UtcNow + (catchUp ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reconciliations");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", regulatorToken);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var report = (await response.Content.ReadFromJsonAsync<ReconciliationReport>(Json))!;
            if ((report.InFlight == 0 && report.Balanced) || DateTime.UtcNow > deadline)
                return new(
                    report.Balanced,
                    $"reconciliation                       {(report.Balanced
                    ? $"BALANCED ({report.Settled:N0} settled, {report.Failed:N0} failed)"
                    : $"{report.Differences.Count} DIFFERENCES, {report.InFlight} in flight: " +
                      string.Join("; ", report.Differences.Take(5).Select(d => $"{d.Kind} {d.TradeId} {d.Detail}")))}"
                );
            await Task.Delay(1_000);
        }
    }

    public async Task<Check> Chains()
    {
        var chains = await Get<ChainReport>("/api/audit/chains");
        return new(
            chains.Intact,
            $"audit chains                         {string.Join(", ",
            chains.Logs.Select(l =>
                $"{l.Log} {(l.Intact ? "INTACT" : $"BROKEN at {l.Divergence?.Sequence}")} ({l.EventsChecked:N0} events)"))}"
        );
    }

    private async Task<T> Get<T>(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", regulatorToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private sealed record ChainReport(bool Intact, IReadOnlyList<AuditLogVerification> Logs);
}
