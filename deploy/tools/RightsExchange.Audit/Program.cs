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
var verify = new Command("verify", "Recompute the chains and compare them with the stored links and the given checkpoints.") { connection, schemas, checkpoints };
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
    var intact = true;
    foreach (var schema in parse.GetValue(schemas)!)
    {
        var store = new AuditChainStore(db, schema);
        var report = await AuditVerifier.Verify(store, kept.TryGetValue(schema, out var c) ? c : null, ct);
        var head = report.Head is { } h ? $"head {h.Sequence} {AuditChain.Hex(h.Hash)}" : "empty";
        Console.WriteLine($"{schema,-11} {(report.Intact ? "INTACT" : "BROKEN")}  {report.EventsChecked} events checked, {report.Unchained} not yet chained, {head}");
        if (report.FirstDivergence is { } d) Console.WriteLine($"{"",-11} first divergence at event {d.Sequence}: {d.Kind}: {d.Detail}");
        intact &= report.Intact;
    }
    return intact ? 0 : 1;
});
var root = new RootCommand("RightsExchange audit chain tools.") { verify };
return await root.Parse(args).InvokeAsync();
