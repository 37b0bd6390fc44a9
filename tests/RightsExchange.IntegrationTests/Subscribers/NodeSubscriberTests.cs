using System.Diagnostics;
using System.Text.Json;

namespace RightsExchange.IntegrationTests.Subscribers;

/// <summary>
/// A subscriber that is not .NET: <c>examples/node-subscriber</c> (Node.js with amqplib) binds to the public CloudEvents
/// exchange for one instrument and prints what it receives; the test trades and reads its output.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class NodeSubscriberTests(ExchangeFixture exchange)
{
    private static readonly string Example = Path.Combine(RepositoryRoot(), "examples", "node-subscriber");

    [Fact]
    public async Task The_node_example_receives_the_trade_and_its_settlement_as_cloudevents_from_rabbitmq()
    {
        if (!Directory.Exists(Path.Combine(Example, "node_modules")))
            Assert.Equal(0, (await Run("npm", "ci --no-audit --no-fund", TimeSpan.FromMinutes(3))).ExitCode);
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (_, sellerApi, _, buyerApi) = await market.SellerAndBuyer(cea, 10, 10_000);

        var start = new ProcessStartInfo(
            "node",
            $"subscribe.js --bind rightsexchange.trading.v1.TradeExecuted.{cea} --bind rightsexchange.settlement.v1.TradeSettled.{cea} "
                + $"--count 2 --timeout 90"
        )
        {
            WorkingDirectory = Example,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["RX_AMQP_URL"] = exchange.RabbitUri },
        };
        using var node = Process.Start(start)!;
        try
        {
            await Trade(node, sellerApi, buyerApi, cea);
        }
        finally
        {
            if (!node.HasExited)
                node.Kill(entireProcessTree: true);
        }
    }

    private static async Task Trade(Process node, HttpClient sellerApi, HttpClient buyerApi, string cea)
    {
        var ready = new TaskCompletionSource();
        var errors = new List<string>();
        node.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (errors)
                errors.Add(e.Data);
            if (e.Data.Contains("READY"))
                ready.TrySetResult();
        };
        node.BeginErrorReadLine();
        var output = node.StandardOutput.ReadToEndAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await Market.PlaceAccepted(sellerApi, cea, "Sell", 10, 97m);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 10, 97m);
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(node.ExitCode == 0, string.Join('\n', errors));

        var events = (await output)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
        Assert.Equal(
            ["rightsexchange.trading.v1.TradeExecuted", "rightsexchange.settlement.v1.TradeSettled"],
            events.Select(e => e.GetProperty("type").GetString())
        );
        Assert.All(events, e => Assert.Equal(cea, e.GetProperty("subject").GetString()));
        var trade = events[0].GetProperty("data");
        Assert.Equal(
            (10m, 97m, "tCO2e"),
            (trade.GetProperty("quantity").GetDecimal(), trade.GetProperty("price").GetDecimal(), trade.GetProperty("unit").GetString())
        );
        Assert.False(trade.TryGetProperty("buyerId", out _));
        Assert.Equal(970m, events[1].GetProperty("data").GetProperty("consideration").GetDecimal());
        Assert.True(
            long.Parse(events[0].GetProperty("rxsequence").GetString()!) < long.Parse(events[1].GetProperty("rxsequence").GetString()!)
        );
    }

    private static async Task<(int ExitCode, string Output)> Run(string file, string arguments, TimeSpan timeout)
    {
        using var process = Process.Start(
            new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = Example,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RightsExchange.sln")))
                return dir.FullName;
        throw new InvalidOperationException("RightsExchange.sln not found above " + AppContext.BaseDirectory);
    }
}
