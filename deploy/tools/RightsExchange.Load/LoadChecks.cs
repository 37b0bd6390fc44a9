using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Audit.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;

namespace RightsExchange.Load;

/// <summary>
/// What must hold after a run, asked of the running system as a regulator would: every acknowledged order settled,
/// conservation exact (<c>GET /api/audit/conservation</c>), the settlement ledger and the registry reconciled
/// (<c>POST /api/reconciliations</c>, repeated while trades are still in flight, up to a minute) and every ledger log's
/// audit chain intact (<c>GET /api/audit/chains</c>).
/// </summary>
public sealed class LoadChecks(HttpClient http, string regulatorToken)
{
    private static readonly JsonSerializerOptions Json = ContractJson.Web();

    /// <summary>Runs the checks, prints one line each, and returns whether all held.</summary>
    public async Task<bool> Run(Report report, TextWriter output)
    {
        var settled = report.Settled == report.Acknowledged && report.Failures == 0;
        output.WriteLine($"check: every acknowledged order settled     {(settled ? "yes" : $"NO ({report.Settled:N0} of {report.Acknowledged:N0})")}");
        var conservation = await Get<ConservationReport>("/api/audit/conservation");
        output.WriteLine($"check: conservation                         {(conservation.Balanced ? "exact" : "DIFFERS")}");
        var reconciliation = await Reconcile();
        output.WriteLine($"check: reconciliation                       {(reconciliation.Balanced
            ? $"BALANCED ({reconciliation.Settled:N0} settled, {reconciliation.Failed:N0} failed)"
            : $"{reconciliation.Differences.Count} DIFFERENCES, {reconciliation.InFlight} in flight")}");
        var chains = await Get<ChainReport>("/api/audit/chains");
        output.WriteLine($"check: audit chains                         {string.Join(", ",
            chains.Logs.Select(l => $"{l.Log} {(l.Intact ? "INTACT" : $"BROKEN at {l.Divergence?.Sequence}")} ({l.EventsChecked:N0} events)"))}");
        return settled && conservation.Balanced && reconciliation.Balanced && chains.Intact;
    }

    private async Task<ReconciliationReport> Reconcile()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reconciliations");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", regulatorToken);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var report = (await response.Content.ReadFromJsonAsync<ReconciliationReport>(Json))!;
            if (report.InFlight == 0 || DateTime.UtcNow > deadline) return report;
            await Task.Delay(1_000);
        }
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
