using CsCheck;
using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Matching.Engine;

namespace RightsExchange.UnitTests.Matching;

/// <summary>
/// The engine against a deliberately naive model of price-time priority (a flat list, sorted afresh for every order):
/// random streams of limit, immediate-or-cancel and fill-or-kill orders, cancels and amendments must give both the
/// same trades, in the same order, and leave the same orders resting.
/// </summary>
public class ReferenceModelTests
{
    private enum Op
    {
        Day,
        ImmediateOrCancel,
        FillOrKill,
        Cancel,
        Amend,
    }

    private sealed record Step(Op Op, Side Side, int Quantity, int PriceTicks, int Participant, int Target);

    private static readonly Gen<Step> Steps = Gen.Select(
            Gen.Int[0, 11],
            Gen.Enum<Side>(),
            Gen.Int[1, 40],
            Gen.Int[9_700, 9_712],
            Gen.Int[0, 3],
            Gen.Int[0, 1_000]
        )
        .Select(
            (op, side, quantity, price, who, target) =>
                new Step(
                    op switch
                    {
                        < 6 => Op.Day,
                        6 => Op.ImmediateOrCancel,
                        7 => Op.FillOrKill,
                        8 or 9 => Op.Cancel,
                        _ => Op.Amend,
                    },
                    side,
                    quantity,
                    price,
                    who,
                    target
                )
        );

    private static readonly Instant Start = Instant.FromUtc(2025, 6, 30, 2, 0);

    [Fact]
    public void The_engine_trades_exactly_as_the_reference_model()
    {
        Gen.Int[1, 150]
            .SelectMany(n => Steps.List[n])
            .Sample(steps =>
            {
                var engine = OrderBookTests.NewBook();
                var model = new ReferenceBook();
                var engineTrades = new List<(Guid, Guid, decimal, decimal)>();
                var placed = new List<(Guid Id, string Who, Side Side)>();
                var at = Start;
                foreach (var step in steps)
                {
                    at += Duration.FromMilliseconds(1);
                    var who = $"p{step.Participant}";
                    var price = step.PriceTicks / 100m;
                    object input;
                    if (step.Op is Op.Cancel or Op.Amend && placed.Count > 0)
                    {
                        var target = placed[step.Target % placed.Count];
                        if (step.Op == Op.Cancel)
                        {
                            input = new CancelReceived(new CancelOrder(target.Id, "CEA-2024", target.Who, at), at);
                            model.Cancel(target.Id);
                        }
                        else
                        {
                            input = new AmendReceived(
                                new OrderAmendFunded(
                                    Guid.NewGuid(),
                                    target.Id,
                                    "CEA-2024",
                                    target.Who,
                                    target.Side,
                                    step.Quantity,
                                    price,
                                    0m,
                                    at
                                ),
                                at
                            );
                            model.Amend(target.Id, step.Quantity, price);
                        }
                    }
                    else
                    {
                        var tif = step.Op switch
                        {
                            Op.ImmediateOrCancel => TimeInForce.ImmediateOrCancel,
                            Op.FillOrKill => TimeInForce.FillOrKill,
                            _ => TimeInForce.Day,
                        };
                        var order = new OrderFunded(
                            Guid.NewGuid(),
                            "c",
                            who,
                            "CEA-2024",
                            step.Side,
                            step.Quantity,
                            price,
                            0m,
                            at,
                            at,
                            TimeInForce: tif
                        );
                        placed.Add((order.OrderId, who, step.Side));
                        input = new OrderReceived(order, at);
                        model.Submit(order.OrderId, who, step.Side, step.Quantity, price, tif);
                    }
                    engineTrades.AddRange(
                        engine.Apply(input).OfType<TradeExecuted>().Select(t => (t.BuyOrderId, t.SellOrderId, t.Price, t.Quantity))
                    );
                }
                var engineResting = engine.Capture().Resting.Select(o => (o.OrderId, o.Quantity - o.Filled)).OrderBy(o => o.OrderId);
                return engineTrades.SequenceEqual(model.Trades)
                    && engineResting.SequenceEqual(model.Resting.Select(o => (o.Id, o.Open)).OrderBy(o => o.Id));
            });
    }

    /// <summary>Price-time priority in its plainest form, with the engine's default self-trade rule (the incoming order stops).</summary>
    private sealed class ReferenceBook
    {
        private long _time;

        public List<Order> Resting { get; } = [];
        public List<(Guid Buy, Guid Sell, decimal Price, decimal Quantity)> Trades { get; } = [];

        public void Submit(Guid id, string who, Side side, decimal quantity, decimal price, TimeInForce tif)
        {
            var order = new Order(id, who, side)
            {
                Price = price,
                Quantity = quantity,
                Open = quantity,
            };
            if (tif == TimeInForce.FillOrKill && Fillable(order) < quantity)
                return;
            Match(order);
            if (order.Open > 0 && tif == TimeInForce.Day && !order.StoppedBySelfTrade)
                Rest(order);
        }

        public void Cancel(Guid id) => Resting.RemoveAll(o => o.Id == id);

        public void Amend(Guid id, decimal quantity, decimal price)
        {
            var order = Resting.Find(o => o.Id == id);
            var filled = order is null ? 0 : order.Quantity - order.Open;
            if (order is null || quantity <= filled)
                return;
            if (price == order.Price && quantity <= order.Quantity)
            {
                order.Open = quantity - filled;
                order.Quantity = quantity;
                return;
            }
            Resting.Remove(order);
            order.Price = price;
            order.Quantity = quantity;
            order.Open = quantity - filled;
            Match(order);
            if (order.Open > 0 && !order.StoppedBySelfTrade)
                Rest(order);
        }

        private IEnumerable<Order> Crossing(Order taker) =>
            Resting
                .Where(o => o.Side != taker.Side && (taker.Side == Side.Buy ? o.Price <= taker.Price : o.Price >= taker.Price))
                .OrderBy(o => taker.Side == Side.Buy ? o.Price : -o.Price)
                .ThenBy(o => o.Time)
                .ToList();

        private decimal Fillable(Order taker) => Crossing(taker).TakeWhile(o => o.Who != taker.Who).Sum(o => o.Open);

        private void Match(Order taker)
        {
            foreach (var maker in Crossing(taker))
            {
                if (taker.Open == 0)
                    break;
                if (maker.Who == taker.Who)
                {
                    taker.StoppedBySelfTrade = true;
                    break;
                }
                var quantity = Math.Min(taker.Open, maker.Open);
                taker.Open -= quantity;
                maker.Open -= quantity;
                Trades.Add(
                    taker.Side == Side.Buy ? (taker.Id, maker.Id, maker.Price, quantity) : (maker.Id, taker.Id, maker.Price, quantity)
                );
                if (maker.Open == 0)
                    Resting.Remove(maker);
            }
        }

        private void Rest(Order order)
        {
            order.Time = ++_time;
            Resting.Add(order);
        }

        public sealed class Order(Guid id, string who, Side side)
        {
            public Guid Id { get; } = id;
            public string Who { get; } = who;
            public Side Side { get; } = side;
            public decimal Price { get; set; }
            public decimal Quantity { get; set; }
            public decimal Open { get; set; }
            public long Time { get; set; }
            public bool StoppedBySelfTrade { get; set; }
        }
    }
}
