using System.CommandLine;
using RightsExchange.Load;

// rx-load: crossing orders through the public API against the running system; prints throughput and latency percentiles.
var gateway = new Option<string>("--gateway") { Description = "The gateway's base address.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
var pairs = new Option<int>("--pairs") { Description = "Crossing sell/buy pairs to send (each pair is two orders and one trade).", DefaultValueFactory = _ => 2_000 };
var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight.", DefaultValueFactory = _ => 64 };
var traders = new Option<int>("--traders") { Description = "Sellers, and as many buyers.", DefaultValueFactory = _ => 20 };
var rabbit = new Option<string>("--rabbitmq-host") { Description = "RabbitMQ host to subscribe to TradeSettled on.", DefaultValueFactory = _ => "127.0.0.1" };
var vhost = new Option<string>("--rabbitmq-vhost") { Description = "RabbitMQ virtual host of the running system.", DefaultValueFactory = _ => "rightsexchange" };
var root = new RootCommand("Load generator: crossing orders through the RightsExchange API, timed from POST to acknowledgement and to settlement.")
{
    gateway, pairs, concurrency, traders, rabbit, vhost,
};
root.SetAction(async parse =>
{
    var run = new LoadRun(new Uri(parse.GetValue(gateway)!), parse.GetValue(pairs), parse.GetValue(concurrency), parse.GetValue(traders));
    SettlementListener.InstrumentId = run.InstrumentId;
    var bus = SettlementListener.Bus(parse.GetValue(rabbit)!, parse.GetValue(vhost)!, "guest", "guest");
    await bus.StartAsync();
    try
    {
        Console.WriteLine($"Preparing {run.InstrumentId}: {parse.GetValue(traders)} sellers and buyers ...");
        await run.Prepare();
        Console.WriteLine($"Sending {parse.GetValue(pairs) * 2:N0} orders with {parse.GetValue(concurrency)} in flight ...");
        var report = await run.Run();
        report.Print(Console.Out);
        return report.Settled == report.Orders ? 0 : 1;
    }
    finally
    {
        await bus.StopAsync();
    }
});
return await root.Parse(args).InvokeAsync();
