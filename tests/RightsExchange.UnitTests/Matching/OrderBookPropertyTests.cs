using System.Text.Json;
using CsCheck;
using NodaTime;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Matching.Engine;

namespace RightsExchange.UnitTests.Matching;

public class OrderBookPropertyTests
{
    private static readonly Gen<(bool IsCancel, Side Side, int Quantity, int PriceTicks, int Participant, int CancelIndex)> Input =
        Gen.Select(Gen.Int[0, 9], Gen.Enum<Side>(), Gen.Int[1, 50], Gen.Int[9_700, 9_720], Gen.Int[0, 3], Gen.Int[0, 1_000])
            .Select((c, side, q, p, who, idx) => (c == 0, side, q, p, who, idx));

    private static List<object> Journal(
        IEnumerable<(bool IsCancel, Side Side, int Quantity, int PriceTicks, int Participant, int CancelIndex)> inputs
    )
    {
        var journal = new List<object>();
        var placed = new List<OrderFunded>();
        var at = Instant.FromUtc(2025, 6, 30, 2, 0);
        foreach (var i in inputs)
        {
            at += Duration.FromMilliseconds(1);
            if (i.IsCancel && placed.Count > 0)
            {
                var target = placed[i.CancelIndex % placed.Count];
                journal.Add(new CancelReceived(new CancelOrder(target.OrderId, "CEA-2024", target.ParticipantId, at), at));
                continue;
            }
            var order = new OrderFunded(
                Guid.NewGuid(),
                "c",
                $"p{i.Participant}",
                "CEA-2024",
                i.Side,
                i.Quantity,
                i.PriceTicks / 100m,
                0m,
                at,
                at
            );
            placed.Add(order);
            journal.Add(new OrderReceived(order, at));
        }
        return journal;
    }

    [Fact]
    public void No_order_trades_more_than_its_quantity_and_the_book_never_stays_crossed()
    {
        Gen.Int[1, 200]
            .SelectMany(n => Input.List[n])
            .Sample(inputs =>
            {
                var book = OrderBookTests.NewBook();
                var quantities = new Dictionary<Guid, decimal>();
                var traded = new Dictionary<Guid, decimal>();
                var cancelled = new Dictionary<Guid, decimal>();
                foreach (var input in Journal(inputs))
                {
                    if (input is OrderReceived r)
                        quantities[r.Order.OrderId] = r.Order.Quantity;
                    foreach (var output in book.Apply(input))
                    {
                        if (output is TradeExecuted t)
                        {
                            traded[t.BuyOrderId] = traded.GetValueOrDefault(t.BuyOrderId) + t.Quantity;
                            traded[t.SellOrderId] = traded.GetValueOrDefault(t.SellOrderId) + t.Quantity;
                        }
                        if (output is OrderCancelled c)
                            cancelled[c.OrderId] = c.CancelledQuantity;
                    }
                    if (book.Top is ({ } bid, { } ask) && bid >= ask)
                        return false;
                }
                return quantities.All(q => traded.GetValueOrDefault(q.Key) + cancelled.GetValueOrDefault(q.Key) <= q.Value);
            });
    }

    [Fact]
    public void Replaying_the_same_journal_gives_the_same_outputs()
    {
        Gen.Int[1, 200]
            .SelectMany(n => Input.List[n])
            .Sample(inputs =>
            {
                var journal = Journal(inputs);
                var first = OrderBookTests.NewBook();
                var second = OrderBookTests.NewBook();
                var a = journal.SelectMany(first.Apply).ToList();
                var b = journal.SelectMany(second.Apply).ToList();
                return a.SequenceEqual(b);
            });
    }

    private static readonly JsonSerializerOptions Options = ContractJson.Configure(new JsonSerializerOptions());

    [Fact]
    public void A_book_restored_from_its_stored_snapshot_carries_on_as_the_original()
    {
        Gen.Select(Gen.Int[1, 200].SelectMany(n => Input.List[n]), Gen.Int[0, 200])
            .Sample(
                (inputs, cut) =>
                {
                    var journal = Journal(inputs);
                    cut = Math.Min(cut, journal.Count);
                    var original = OrderBookTests.NewBook();
                    foreach (var input in journal.Take(cut))
                        original.Apply(input);
                    var json = JsonSerializer.Serialize(original.Capture(), Options);
                    var restored = OrderBook.Restore(JsonSerializer.Deserialize<BookState>(json, Options)!);
                    var a = journal.Skip(cut).SelectMany(original.Apply).ToList();
                    var b = journal.Skip(cut).SelectMany(restored.Apply).ToList();
                    return a.SequenceEqual(b) && original.Capture().Resting.SequenceEqual(restored.Capture().Resting);
                }
            );
    }
}
