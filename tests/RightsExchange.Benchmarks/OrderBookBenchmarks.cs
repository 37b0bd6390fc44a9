using BenchmarkDotNet.Attributes;
using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Benchmarks;

/// <summary>
/// The matching engine alone on a realistic mix of journal inputs: new limit orders around the mid (about a fifth of
/// them marketable), cancels, amendments (half keep priority) and market orders, 200 participants, one instrument.
/// Each invocation feeds <see cref="Inputs"/> inputs to a fresh book, its outputs (values) into one reused buffer;
/// BenchmarkDotNet reports time and allocations per input. <see cref="Mixed"/> is the engine alone, the reference figure;
/// <see cref="MixedWithRecords"/> also makes every output's contract record, as the service does before journaling it.
/// </summary>
[MemoryDiagnoser]
public class OrderBookBenchmarks
{
    public const int Inputs = 100_000;
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 24, 2, 0);
    private static readonly BookOpened Opened = new(
        "CEA-2024",
        "tCO2e",
        1m,
        "bench",
        new TradingRules
        {
            PriceLimitPercent = 10,
            Calendar = new TradingCalendar { AlwaysOpen = true },
        },
        100m,
        Start
    );

    private object[] _journal = [];
    private OrderBook _book = null!;

    [GlobalSetup]
    public void Generate()
    {
        var random = new Random(20261124);
        var journal = new List<object>(Inputs);
        var live = new List<OrderFunded>();
        for (var i = 0; i < Inputs; i++)
        {
            var at = Start + Duration.FromMilliseconds(i);
            var roll = random.Next(100);
            if (roll < 25 && live.Count > 0)
            {
                var target = live[random.Next(live.Count)];
                journal.Add(new CancelReceived(new CancelOrder(target.OrderId, "CEA-2024", target.ParticipantId, at), at));
                continue;
            }
            if (roll < 35 && live.Count > 0)
            {
                var target = live[random.Next(live.Count)];
                var price = roll % 2 == 0 ? target.LimitPrice : target.LimitPrice + (target.Side == Side.Buy ? -0.01m : 0.01m);
                journal.Add(
                    new AmendReceived(
                        new OrderAmendFunded(
                            Guid.NewGuid(),
                            target.OrderId,
                            "CEA-2024",
                            target.ParticipantId,
                            target.Side,
                            Math.Max(1, target.Quantity - 1),
                            price,
                            0m,
                            at
                        ),
                        at
                    )
                );
                continue;
            }
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var market = roll >= 95;
            // Passive orders rest one to 20 ticks away from 100.00; marketable ones reach up to 5 ticks through it.
            var ticks = random.Next(100) < 20 ? -random.Next(0, 5) : random.Next(1, 20);
            var limit = side == Side.Buy ? 100m - ticks * 0.01m : 100m + ticks * 0.01m;
            if (market)
                limit = side == Side.Buy ? 105m : 95m;
            var order = new OrderFunded(
                Guid.NewGuid(),
                "c",
                $"p{random.Next(200)}",
                "CEA-2024",
                side,
                random.Next(1, 50),
                limit,
                0m,
                at,
                at,
                market ? OrderType.Market : OrderType.Limit,
                market ? TimeInForce.ImmediateOrCancel : TimeInForce.GoodTillCancelled
            );
            if (!market)
                live.Add(order);
            journal.Add(new OrderReceived(order, at));
        }
        _journal = [.. journal];
        WarmUp();
    }

    [IterationSetup]
    public void NewBook() => _book = new OrderBook(Opened);

    // ShortRun's three warm-up invocations (about 60 ms) end before tiered compilation has optimized the engine, so
    // its iterations measured mostly unoptimized code. Feeding the journal a few times first measures the engine as a
    // running service has it.
    private void WarmUp()
    {
        for (var pass = 0; pass < 5; pass++)
        {
            NewBook();
            Mixed();
            NewBook();
            MixedWithRecords();
        }
    }

    [Benchmark(OperationsPerInvoke = Inputs, Baseline = true)]
    public int Mixed()
    {
        var count = 0;
        var outputs = new BookOutputs();
        foreach (var input in _journal)
        {
            _book.Apply(input, outputs);
            count += outputs.Count;
            outputs.Clear();
        }
        return count;
    }

    [Benchmark(OperationsPerInvoke = Inputs)]
    public int MixedWithRecords()
    {
        var outputs = new BookOutputs();
        var records = new List<object>();
        var count = 0;
        foreach (var input in _journal)
        {
            _book.Apply(input, outputs);
            outputs.AddRecordsTo(records);
            count += records.Count;
            outputs.Clear();
            records.Clear();
        }
        return count;
    }
}
