using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Matching.Engine;

/// <summary>
/// The order book of one instrument: a pure state machine with price-time priority. Given the same inputs in the
/// same order (times included) it gives the same outputs. An incoming order trades against the best opposite price
/// levels, oldest order first, at the resting order's price, and rests with what is left.
/// Cost: O(log L) to add or remove a price level (L levels), O(1) to cancel by order id.
/// </summary>
public sealed class OrderBook
{
    private readonly SortedDictionary<decimal, LinkedList<RestingOrder>> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, LinkedList<RestingOrder>> _asks = new();
    private readonly Dictionary<Guid, LinkedListNode<RestingOrder>> _resting = new();
    private readonly HashSet<Guid> _seen = new();
    private long _tradeSequence;

    public OrderBook(BookOpened opened)
    {
        Opened = opened;
        LotSize = opened.Rules.LotSize ?? opened.QuantityStep;
    }

    public BookOpened Opened { get; }
    public string InstrumentId => Opened.InstrumentId;
    public decimal LotSize { get; }

    /// <summary>Best bid and ask, null when that side is empty.</summary>
    public (decimal? Bid, decimal? Ask) Top => (_bids.Count > 0 ? _bids.First().Key : null, _asks.Count > 0 ? _asks.First().Key : null);

    /// <summary>Orders resting in the book.</summary>
    public int RestingCount => _resting.Count;

    /// <summary>The daily price band (inclusive, CNY per unit) or null when the instrument has no limits.</summary>
    public (decimal Low, decimal High)? PriceBand
    {
        get
        {
            if (Opened.ReferencePrice is not { } reference || Opened.Rules.PriceLimitPercent is not { } pct) return null;
            var tick = Opened.Rules.TickSize;
            var low = Math.Ceiling(reference * (1 - pct / 100m) / tick) * tick;
            var high = Math.Floor(reference * (1 + pct / 100m) / tick) * tick;
            return (low, high);
        }
    }

    /// <summary>
    /// Applies one journal input. Returns the outputs: for an order, <see cref="OrderAccepted"/> then any
    /// <see cref="TradeExecuted"/>, or a single <see cref="OrderRejected"/>; for a cancel, <see cref="OrderCancelled"/>
    /// or <see cref="CancelRejected"/>. An order id seen before gives no output (a redelivered order).
    /// </summary>
    public IReadOnlyList<object> Apply(object input) => input switch
    {
        OrderReceived r => Submit(r.Order, r.ReceivedAt),
        CancelReceived c => Cancel(c.Cancel, c.ReceivedAt),
        _ => [],
    };

    public IReadOnlyList<object> Submit(OrderFunded order, Instant at)
    {
        if (!_seen.Add(order.OrderId)) return [];
        if (Check(order) is { } reject)
            return [new OrderRejected(order.OrderId, order.ClientOrderId, order.ParticipantId, order.InstrumentId, order.Side, order.Quantity, reject.Reason, reject.Detail, at)];

        var outputs = new List<object> { new OrderAccepted(order.OrderId, order.ClientOrderId, order.ParticipantId, order.InstrumentId, order.Side, order.Quantity, order.LimitPrice, at) };
        var open = order.Quantity;
        var opposite = order.Side == Side.Buy ? _asks : _bids;
        while (open > 0 && opposite.Count > 0)
        {
            var (price, level) = opposite.First();
            if (order.Side == Side.Buy ? price > order.LimitPrice : price < order.LimitPrice) break;
            while (open > 0 && level.First is { } head)
            {
                var resting = head.Value;
                var quantity = Math.Min(open, resting.Open);
                open -= quantity;
                resting.Open -= quantity;
                outputs.Add(Trade(order, resting, price, quantity, open, at));
                if (resting.Open == 0)
                {
                    level.RemoveFirst();
                    _resting.Remove(resting.OrderId);
                }
            }
            if (level.Count == 0) opposite.Remove(price);
        }
        if (open > 0)
        {
            var side = order.Side == Side.Buy ? _bids : _asks;
            if (!side.TryGetValue(order.LimitPrice, out var level)) side[order.LimitPrice] = level = new LinkedList<RestingOrder>();
            _resting[order.OrderId] = level.AddLast(new RestingOrder(order.OrderId, order.ParticipantId, order.Side, order.LimitPrice, open));
        }
        return outputs;
    }

    public IReadOnlyList<object> Cancel(CancelOrder cancel, Instant at)
    {
        if (!_resting.TryGetValue(cancel.OrderId, out var node))
            return [new CancelRejected(cancel.OrderId, cancel.ParticipantId, "ORDER_NOT_FOUND", $"Order {cancel.OrderId} is not open in {InstrumentId}: unknown, filled or already cancelled.", at)];
        var order = node.Value;
        if (order.ParticipantId != cancel.ParticipantId)
            return [new CancelRejected(cancel.OrderId, cancel.ParticipantId, "NOT_ORDER_OWNER", "Only the participant that placed an order may cancel it.", at)];
        var side = order.Side == Side.Buy ? _bids : _asks;
        var level = node.List!;
        level.Remove(node);
        if (level.Count == 0) side.Remove(order.Price);
        _resting.Remove(order.OrderId);
        return [new OrderCancelled(order.OrderId, order.ParticipantId, InstrumentId, order.Side, order.Open, at)];
    }

    private (string Reason, string Detail)? Check(OrderFunded order)
    {
        var rules = Opened.Rules;
        var unit = Opened.Unit;
        if (order.Quantity <= 0 || order.Quantity % LotSize != 0)
            return ("QUANTITY_STEP", $"Quantity must be a positive multiple of {LotSize} {unit}.");
        if (rules.MinimumQuantity is { } min && order.Quantity < min)
            return ("QUANTITY_BELOW_MINIMUM", $"Orders must be at least {min} {unit}.");
        if (rules.MaximumQuantity is { } max && order.Quantity > max)
            return ("QUANTITY_ABOVE_MAXIMUM", $"Orders may be at most {max} {unit}; larger quantities trade as block trades.");
        if (order.LimitPrice <= 0 || order.LimitPrice % rules.TickSize != 0)
            return ("PRICE_TICK", $"The price must be a positive multiple of {rules.TickSize} CNY.");
        if (PriceBand is { } band && (order.LimitPrice < band.Low || order.LimitPrice > band.High))
            return ("PRICE_OUTSIDE_LIMITS", $"Today's price limits are {band.Low:0.00} to {band.High:0.00} CNY ({rules.PriceLimitPercent}% around {Opened.ReferencePrice:0.00}).");
        return null;
    }

    private TradeExecuted Trade(OrderFunded taker, RestingOrder maker, decimal price, decimal quantity, decimal takerOpen, Instant at)
    {
        _tradeSequence++;
        var tradeId = $"{InstrumentId}-{_tradeSequence:D8}";
        return taker.Side == Side.Buy
            ? new TradeExecuted(tradeId, InstrumentId, Opened.Unit, quantity, price, taker.OrderId, taker.ParticipantId, maker.OrderId, maker.ParticipantId, Side.Buy, takerOpen, maker.Open, at)
            : new TradeExecuted(tradeId, InstrumentId, Opened.Unit, quantity, price, maker.OrderId, maker.ParticipantId, taker.OrderId, taker.ParticipantId, Side.Sell, maker.Open, takerOpen, at);
    }

    private sealed class RestingOrder(Guid orderId, string participantId, Side side, decimal price, decimal open)
    {
        public Guid OrderId { get; } = orderId;
        public string ParticipantId { get; } = participantId;
        public Side Side { get; } = side;
        public decimal Price { get; } = price;
        public decimal Open { get; set; } = open;
    }
}
