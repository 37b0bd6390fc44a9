using System.CommandLine;
using RightsExchange.Chaos;

// rx-chaos: orders at a fixed rate through several gateways while every part of the system is killed or restarted on a
// seeded schedule; then checks that nothing was lost or duplicated. deploy/chaos.sh brings the system up for it.
var gateways = new Option<string[]>("--gateway")
{
    Description = "A gateway's base address (repeat for each instance).",
    DefaultValueFactory = _ => ["http://127.0.0.1:5080", "http://127.0.0.1:5090"],
    AllowMultipleArgumentsPerToken = true,
};
var requests = new Option<int>("--requests")
{
    Description = "Requests to send: orders, and one in ten a cancel.",
    DefaultValueFactory = _ => 22_500,
};
var rate = new Option<double>("--rate") { Description = "Requests per second (open loop).", DefaultValueFactory = _ => 100 };
var traders = new Option<int>("--traders") { Description = "Traders, each buying and selling.", DefaultValueFactory = _ => 40 };
var seed = new Option<int>("--seed") { Description = "Seed of the orders and of the fault schedule.", DefaultValueFactory = _ => 20261206 };
var kills = new Option<int>("--kills")
{
    Description = "kill -9 of each service, taking its instances in turn.",
    DefaultValueFactory = _ => 5,
};
var instances = new Option<int>("--instances") { Description = "Instances of each service running.", DefaultValueFactory = _ => 2 };
var rabbitRestarts = new Option<int>("--rabbitmq-restarts") { Description = "RabbitMQ restarts.", DefaultValueFactory = _ => 2 };
var postgresRestarts = new Option<int>("--postgres-restarts")
{
    Description = "PostgreSQL restarts (immediate).",
    DefaultValueFactory = _ => 2,
};
var postgres = new Option<string>("--postgres")
{
    Description = "PostgreSQL connection string of the exchange's database, for the exactly-once checks.",
    DefaultValueFactory = _ =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Marten")
        ?? "Host=127.0.0.1;Port=55432;Database=rightsexchange;Username=postgres;Password=postgres",
};
var management = new Option<string>("--rabbitmq-management")
{
    Description = "RabbitMQ management API, for the _error queues.",
    DefaultValueFactory = _ => "http://guest:guest@127.0.0.1:15672/",
};
var vhost = new Option<string>("--rabbitmq-vhost")
{
    Description = "RabbitMQ virtual host of the system.",
    DefaultValueFactory = _ => "rightsexchange",
};
var root = new RootCommand("Chaos run: orders through the public API while services, RabbitMQ and PostgreSQL are killed and restarted.")
{
    gateways,
    requests,
    rate,
    traders,
    seed,
    kills,
    instances,
    rabbitRestarts,
    postgresRestarts,
    postgres,
    management,
    vhost,
};
root.SetAction(async parse =>
{
    var repository = Repository();
    var random = new Random(parse.GetValue(seed));
    var api = new Gateways(parse.GetValue(gateways)!.Select(g => new Uri(g)).ToList());
    var run = DateTime.UtcNow.ToString("HHmmss");
    var market = new ChaosMarket(api, parse.GetValue(traders), run);
    Console.WriteLine($"Preparing {market.InstrumentId}: {parse.GetValue(traders)} traders ...");
    await market.Prepare();

    var duration = TimeSpan.FromSeconds(parse.GetValue(requests) / parse.GetValue(rate));
    var schedule = Faults.Schedule(
        random,
        duration,
        parse.GetValue(kills),
        parse.GetValue(instances),
        parse.GetValue(rabbitRestarts),
        parse.GetValue(postgresRestarts)
    );
    Console.WriteLine(
        $"Sending {parse.GetValue(requests):N0} requests at {parse.GetValue(rate):0}/s for {duration.TotalSeconds:0} s; "
            + $"faults (seed {parse.GetValue(seed)}):"
    );
    foreach (var fault in schedule)
        Console.WriteLine($"  {fault}");
    var flow = new OrderFlow(api, market, random);
    await Task.WhenAll(flow.Run(parse.GetValue(requests), parse.GetValue(rate), run), new Faults(repository, Console.Out).Inject(schedule));

    Console.WriteLine("Load and faults over; waiting for the system to catch up, then checking ...");
    var checks = new ChaosChecks(api, market, parse.GetValue(postgres)!, new Uri(parse.GetValue(management)!), parse.GetValue(vhost)!);
    var results = await checks.Run(flow);
    foreach (var check in results)
        Console.WriteLine($"check: {check.Line}");
    var orders = flow.Orders.Count;
    Console.WriteLine(
        $"orders {orders:N0}, faults {schedule.Count}, unanswered {checks.Unanswered}, lost {checks.Lost}, "
            + $"duplicated {checks.Duplicated}"
    );
    return results.All(c => c.Held) && checks.Lost == 0 && checks.Duplicated == 0 ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();

// The repository root (the folder with RightsExchange.sln), where the deploy scripts are.
static string Repository()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "RightsExchange.sln")))
            return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository (no RightsExchange.sln above the current folder).");
}
