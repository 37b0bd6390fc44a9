using System.CommandLine;
using RightsExchange.Load;

// rx-load: crossing orders through the public API against the running system; prints throughput, latency percentiles
// and what each order cost the servers, then checks what must hold after it (settled, conserved, reconciled, chained).
var gateway = new Option<string>("--gateway")
{
    Description = "The gateway's base address.",
    DefaultValueFactory = _ => "http://127.0.0.1:5080",
};
var pairs = new Option<int>("--pairs")
{
    Description = "Closed loop: crossing sell/buy pairs to send (each pair is two orders and one trade).",
    DefaultValueFactory = _ => 2_000,
};
var concurrency = new Option<int>("--concurrency") { Description = "Closed loop: requests in flight.", DefaultValueFactory = _ => 64 };
var rate = new Option<double?>("--rate")
{
    Description = "Open loop: orders per second, sent on schedule whatever the answers (with --duration).",
};
var duration = new Option<TimeSpan>("--duration")
{
    Description = "Open loop: how long to send for (e.g. 00:01:00).",
    DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
};
var traders = new Option<int>("--traders") { Description = "Sellers, and as many buyers.", DefaultValueFactory = _ => 20 };
var retail = new Option<int?>("--retail-purchases")
{
    Description = "Instead of orders: one-yuan purchases of a forestry sink by members of the public (closed loop, --concurrency).",
};
var individuals = new Option<int>("--individuals")
{
    Description = "With --retail-purchases: the members of the public who sign up and buy in turn.",
    DefaultValueFactory = _ => 200,
};
var rabbit = new Option<string>("--rabbitmq-host")
{
    Description = "RabbitMQ host (or host:port, a node of a cluster) to subscribe to TradeSettled on.",
    DefaultValueFactory = _ => "127.0.0.1",
};
var vhost = new Option<string>("--rabbitmq-vhost")
{
    Description = "RabbitMQ virtual host of the running system.",
    DefaultValueFactory = _ => "rightsexchange",
};
var management = new Option<string>("--rabbitmq-management")
{
    Description = "RabbitMQ management API, for message counts.",
    DefaultValueFactory = _ => "http://guest:guest@127.0.0.1:15672/",
};
var postgres = new Option<string>("--postgres")
{
    Description = "PostgreSQL connection string of the exchange's database, for commit, row and WAL counts.",
    DefaultValueFactory = _ =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Marten")
        ?? "Host=127.0.0.1;Port=55432;Database=rightsexchange;Username=postgres;Password=postgres",
};
var state = new Option<string>("--state")
{
    Description = "deploy/services.sh's state folder (pid files).",
    DefaultValueFactory = _ => "/tmp/rightsexchange",
};
var root = new RootCommand(
    "Load generator: crossing orders through the RightsExchange API, timed from POST to acknowledgement and to " + "settlement."
)
{
    gateway,
    pairs,
    concurrency,
    rate,
    duration,
    traders,
    retail,
    individuals,
    rabbit,
    vhost,
    management,
    postgres,
    state,
};
root.SetAction(async parse =>
{
    var probe = new CostProbe(
        parse.GetValue(postgres)!,
        new Uri(parse.GetValue(management)!),
        parse.GetValue(vhost)!,
        parse.GetValue(state)!
    );
    if (parse.GetValue(retail) is { } purchases)
        return await Retail(
            new RetailRun(new Uri(parse.GetValue(gateway)!), purchases, parse.GetValue(concurrency), parse.GetValue(individuals)),
            probe
        );
    var perSecond = parse.GetValue(rate);
    var pairCount = perSecond is { } r ? Math.Max(1, (int)(r * parse.GetValue(duration).TotalSeconds / 2)) : parse.GetValue(pairs);
    var run = new LoadRun(new Uri(parse.GetValue(gateway)!), pairCount, parse.GetValue(concurrency), parse.GetValue(traders), perSecond);
    SettlementListener.InstrumentId = run.InstrumentId;
    var bus = SettlementListener.Bus(parse.GetValue(rabbit)!, parse.GetValue(vhost)!, "guest", "guest");
    await bus.StartAsync();
    try
    {
        Console.WriteLine($"Preparing {run.InstrumentId}: {parse.GetValue(traders)} sellers and buyers ...");
        await run.Prepare();
        Console.WriteLine(
            perSecond is { } open
                ? $"Sending {run.Orders:N0} orders at {open:0} orders/s (open loop) ..."
                : $"Sending {run.Orders:N0} orders with {parse.GetValue(concurrency)} in flight ..."
        );
        var before = await probe.Read();
        var report = await run.Run();
        var after = await probe.Read();
        report.Print(Console.Out);
        after.PrintPerOrder(before, report.Orders, Console.Out);
        return await run.Checks.Run(report, Console.Out) ? 0 : 1;
    }
    finally
    {
        await bus.StopAsync();
    }
});
return await root.Parse(args).InvokeAsync();

static async Task<int> Retail(RetailRun run, CostProbe probe)
{
    Console.WriteLine($"Preparing {run.InstrumentId}: a forest farm's retail offer and the individuals who buy from it ...");
    await run.Prepare();
    var before = await probe.Read();
    var report = await run.Run();
    var after = await probe.Read();
    report.Print(Console.Out);
    after.PrintPerOrder(before, report.Purchases, Console.Out, "purchase");
    var checks = await run.Checks.Ledgers();
    Console.WriteLine($"check: every purchase bought and sold once   {(report.AllBought ? "yes" : "NO")}");
    foreach (var check in checks)
        Console.WriteLine($"check: {check.Line}");
    return report.AllBought && checks.All(c => c.Held) ? 0 : 1;
}
