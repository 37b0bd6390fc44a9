using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Hosting.Audit;

// rx-audit verify: recomputes each service's audit chain from the raw event tables and reports the first divergence.
// Needs only read access to the database. Exit code 0 when every chain is intact, 1 otherwise.
// rx-audit reconcile: runs a reconciliation of the settlement ledger with the registry through the gateway and
// prints its report. Exit code 0 when balanced, 1 when it found differences.
var connection = new Option<string>("--connection")
{
    Description = "PostgreSQL connection string (read access is enough).",
    DefaultValueFactory = _ =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Marten")
        ?? "Host=127.0.0.1;Port=55432;Database=rightsexchange;Username=postgres;Password=postgres",
};
var schemas = new Option<string[]>("--schema")
{
    Description = "Event store schemas to verify.",
    DefaultValueFactory = _ => ["accounts", "matching", "settlement"],
    AllowMultipleArgumentsPerToken = true,
};
var checkpoints = new Option<string[]>("--checkpoint")
{
    Description = "A checkpoint you kept, as schema:sequence:hash (from an AuditCheckpoint event); may be repeated.",
    AllowMultipleArgumentsPerToken = true,
};
var wait = new Option<int>("--wait")
{
    Description = "Seconds to wait for the chains to catch up with their logs (the chain follows each log a moment behind).",
    DefaultValueFactory = _ => 0,
};
var verify = new Command("verify", "Recompute the chains and compare them with the stored links and the given checkpoints.")
{
    connection,
    schemas,
    checkpoints,
    wait,
};
verify.SetAction(
    async (parse, ct) =>
    {
        var kept = new Dictionary<string, (long, byte[])>();
        foreach (var text in parse.GetValue(checkpoints) ?? [])
        {
            var parts = text.Split(':');
            if (parts.Length != 3 || !long.TryParse(parts[1], out var sequence))
            {
                Console.Error.WriteLine($"Bad checkpoint '{text}': expected schema:sequence:hash.");
                return 2;
            }
            kept[parts[0]] = (sequence, Convert.FromHexString(parts[2]));
        }
        await using var db = NpgsqlDataSource.Create(parse.GetValue(connection)!);
        var deadline = DateTime.UtcNow.AddSeconds(parse.GetValue(wait));
        var intact = true;
        foreach (var schema in parse.GetValue(schemas)!)
        {
            var store = new AuditChainStore(db, schema);
            ChainVerification report;
            try
            {
                report = await AuditVerifier.Verify(store, kept.TryGetValue(schema, out var c) ? c : null, ct);
                while (report is { Intact: true, Unchained: > 0 } && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                    report = await AuditVerifier.Verify(store, kept.TryGetValue(schema, out var again) ? again : null, ct);
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                Console.WriteLine($"{schema, -11} NO CHAIN  {e.MessageText}: the service has not chained this schema yet.");
                intact = false;
                continue;
            }
            var head = report.Head is { } h ? $"head {h.Sequence} {AuditChain.Hex(h.Hash)}" : "empty";
            Console.WriteLine(
                $"{schema, -11} {(report.Intact ? "INTACT" : "BROKEN")}  {report.EventsChecked} events checked, {report.Unchained} not "
                    + $"yet chained, {head}"
            );
            if (report.FirstDivergence is { } d)
                Console.WriteLine($"{"", -11} first divergence at event {d.Sequence}: {d.Kind}: {d.Detail}");
            intact &= report.Intact;
        }
        return intact ? 0 : 1;
    }
);
var gateway = new Option<string>("--gateway")
{
    Description = "The gateway's base address.",
    DefaultValueFactory = _ => "http://127.0.0.1:5080",
};
var token = new Option<string?>("--token")
{
    Description = "A regulator's bearer token; without one, a development token is asked for (POST /api/dev/tokens, Development only).",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RX_TOKEN"),
};
var reconcile = new Command("reconcile", "Reconcile the settlement ledger with the registry now and print the report.") { gateway, token };
reconcile.SetAction(
    async (parse, ct) =>
    {
        var json = ContractJson.Web();
        using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(gateway)!), Timeout = TimeSpan.FromMinutes(6) };
        var bearer = parse.GetValue(token);
        if (bearer is null)
        {
            var minted = await http.PostAsJsonAsync("/api/dev/tokens", new { subject = "rx-audit", role = "regulator" }, json, ct);
            minted.EnsureSuccessStatusCode();
            bearer = (await minted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(json, ct)).GetProperty("token").GetString();
        }
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var response = await http.PostAsync("/api/reconciliations", null, ct);
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"The gateway answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            return 2;
        }
        var report = (await response.Content.ReadFromJsonAsync<ReconciliationReport>(json, ct))!;
        Console.WriteLine(
            $"Settlement summary ({report.Trades} trades: {report.Settled} settled, {report.Failed} failed, {report.InFlight} in flight)"
        );
        Console.WriteLine(
            $"  {"instrument", -16} {"settled", 8} {"failed", 7} {"quantity", 18} {"consideration (CNY)", 22} {"fees (CNY)", 14}"
        );
        foreach (var i in report.Instruments)
            Console.WriteLine(
                $"  {i.InstrumentId, -16} {i.Settled, 8} {i.Failed, 7} {$"{i.QuantitySettled:#,0.###} {i.Unit}", 18} "
                    + $"{i.Consideration, 22:#,0.00} {i.Fees, 14:#,0.00}"
            );
        Console.WriteLine(
            $"  {"total", -16} {report.Settled, 8} {report.Failed, 7} {"", 18} {report.Instruments.Sum(i => i.Consideration), 22:#,0.00} "
                + $"{report.FeesCollected, 14:#,0.00}"
        );
        if (report.Compensation is { } c)
            Console.WriteLine($"  {"compensation", -16} {c.Settled, 8} {c.Failed, 7} {"", 18} {c.Paid, 22:#,0.00} {"(no fee)", 14}");
        Console.WriteLine();
        Console.WriteLine(
            $"Reconciliation {report.RunId} against the registry at {report.RegistryCut}: "
                + (
                    report.Balanced
                        ? "BALANCED (every trade settled or failed, each posted exactly once, fees in the fee account, units and cash "
                            + "conserved)"
                        : $"{report.Differences.Count} DIFFERENCES"
                )
        );
        foreach (var d in report.Differences)
            Console.WriteLine($"  {d.Kind, -27} {d.TradeId ?? "-", -22} {d.Detail}");
        return report.Balanced ? 0 : 1;
    }
);
var root = new RootCommand("RightsExchange audit tools.") { verify, reconcile };
return await root.Parse(args).InvokeAsync();
