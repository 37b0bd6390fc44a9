using System.CommandLine;
using Npgsql;
using RightsExchange.Hosting.Audit;

// rx-audit: recomputes each service's audit chain from the raw event tables and reports the first divergence.
// Needs only read access to the database. Exit code 0 when every chain is intact, 1 otherwise.
var connection = new Option<string>("--connection")
{
    Description = "PostgreSQL connection string (read access is enough).",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ConnectionStrings__Marten")
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
var verify = new Command("verify", "Recompute the chains and compare them with the stored links and the given checkpoints.") { connection, schemas, checkpoints, wait };
verify.SetAction(async (parse, ct) =>
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
            Console.WriteLine($"{schema,-11} NO CHAIN  {e.MessageText}: the service has not chained this schema yet.");
            intact = false;
            continue;
        }
        var head = report.Head is { } h ? $"head {h.Sequence} {AuditChain.Hex(h.Hash)}" : "empty";
        Console.WriteLine($"{schema,-11} {(report.Intact ? "INTACT" : "BROKEN")}  {report.EventsChecked} events checked, {report.Unchained} not yet chained, {head}");
        if (report.FirstDivergence is { } d) Console.WriteLine($"{"",-11} first divergence at event {d.Sequence}: {d.Kind}: {d.Detail}");
        intact &= report.Intact;
    }
    return intact ? 0 : 1;
});
var root = new RootCommand("RightsExchange audit chain tools.") { verify };
return await root.Parse(args).InvokeAsync();
