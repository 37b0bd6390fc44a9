using System.CommandLine;
using RightsExchange.Replay;
using Spectre.Console;

// rx-replay: replays a scenario of documented trades through the gateway and checks the result.
var gateway = new Option<string>("--gateway")
{
    Description = "The gateway's base address.",
    DefaultValueFactory = _ => "http://127.0.0.1:5080",
};
var scenario = new Option<FileInfo>("--scenario") { Description = "Scenario file (JSON).", Required = true };
var timeout = new Option<int>("--settle-timeout")
{
    Description = "Seconds to wait for every trade to settle.",
    DefaultValueFactory = _ => 120,
};
var checkOnly = new Option<bool>("--check-only")
{
    Description =
        "Places nothing: checks an exchange the scenario was already replayed on (after a restart, say): every documented trade settled, "
        + "balances and conservation.",
};
var root = new RootCommand(
    "Replays documented trades through the RightsExchange API, prints them settled, and checks balances and conservation."
)
{
    gateway,
    scenario,
    timeout,
    checkOnly,
};
root.SetAction(async parse =>
{
    // Logs and CI capture the output; give the tables room instead of folding them at 80 columns.
    if (Console.IsOutputRedirected)
        AnsiConsole.Profile.Width = 180;
    var replayer = new Replayer(
        new GatewayClient(new Uri(parse.GetValue(gateway)!)),
        Scenario.Load(parse.GetValue(scenario)!.FullName),
        TimeSpan.FromSeconds(parse.GetValue(timeout))
    );
    return await replayer.Run(place: !parse.GetValue(checkOnly));
});
return await root.Parse(args).InvokeAsync();
