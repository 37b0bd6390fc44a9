using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Matching.Engine;

/// <summary>
/// The market of one instrument: a pure state machine. Given the same inputs in the same order (their instants
/// included) it gives the same outputs; it reads no clock and draws no unseeded random number.
/// Continuous trading has price-time priority: an incoming order trades against the best opposite price levels, oldest
/// order first, at the resting order's price. Around it: the trading calendar and halts, daily price limits that move
/// with each day's close, order types and times in force, amendments, self-trade prevention, block agreements
/// (<see cref="OrderBook"/>.Blocks) and auctions (<see cref="OrderBook"/>.Auctions).
/// Cost: O(1) to reach the best price, to trade at it and to cancel by order id; O(log L) to find another of the L
/// price levels a side and O(L) memory moves to add or drop one (<see cref="OrderBook"/>.Sides). Orders are values
/// in pages (<see cref="OrderBook"/>.Orders), found by id through the table that also guards against redelivery
/// (<see cref="OrderBook"/>.Ids): a book allocates only as it grows (orders held, ids seen today), without copying.
/// </summary>
public sealed partial class OrderBook
{
    private readonly OrderStore _orders = new();
    private readonly BookSide _bids;
    private readonly BookSide _asks;
    private IdTable _seen = new();
    private IdTable _seenAmends = new();
    private int _restingCount;
    private readonly int? _tickPlaces;
    private readonly int? _lotPlaces;
    private long _tradeSequence;
    private DayStatistics _day = new();
    private LocalDate _tradingDate;
    private Instant _nextDayStartsAt;
    private decimal? _referencePrice;

    public OrderBook(BookOpened opened)
    {
        _bids = new BookSide(Side.Buy, _orders);
        _asks = new BookSide(Side.Sell, _orders);
        Opened = opened;
        LotSize = opened.Rules.LotSize ?? opened.QuantityStep;
        _tickPlaces = DecimalPlacesOf(opened.Rules.TickSize);
        _lotPlaces = DecimalPlacesOf(LotSize);
        ReferencePrice = opened.ReferencePrice;
        TradingDate = Calendar.DateOf(opened.OpenedAt);
    }

    public BookOpened Opened { get; }
    public string InstrumentId => Opened.InstrumentId;
    public TradingRules Rules => Opened.Rules;
    public TradingCalendar Calendar => Opened.Rules.Calendar;
    public decimal LotSize { get; }

    /// <summary>The trading date the book is in (zoned by its calendar); it moves on with the first input of a later date.</summary>
    public LocalDate TradingDate
    {
        get => _tradingDate;
        private set => (_tradingDate, _nextDayStartsAt) = (value, Calendar.StartOf(value.PlusDays(1)));
    }

    /// <summary>CNY per unit: the previous close (or the listing's reference price before any close); the price limits are computed from
    /// it.</summary>
    public decimal? ReferencePrice
    {
        get => _referencePrice;
        private set
        {
            _referencePrice = value;
            PriceBand = Band(Rules.PriceLimitPercent);
            BlockPriceBand = Band(Rules.BlockPriceLimitPercent);
        }
    }

    /// <summary>Halt reason while halted, else null.</summary>
    public string? HaltReason { get; private set; }

    public bool Halted => HaltReason is not null;

    /// <summary>Best bid and ask, null when that side is empty.</summary>
    public (decimal? Bid, decimal? Ask) Top => (_bids.Best?.Price, _asks.Best?.Price);

    /// <summary>Orders resting in the continuous book.</summary>
    public int RestingCount => _restingCount;

    /// <summary>Today's inclusive band for listing orders (CNY per unit), or null when the instrument has no limits.</summary>
    public PriceBand? PriceBand { get; private set; }

    /// <summary>Today's inclusive band for block trades (CNY per unit), or null when block trades have no limits.</summary>
    public PriceBand? BlockPriceBand { get; private set; }

    /// <summary>The phase at <paramref name="at"/>: <see cref="TradingPhase.Halted"/> while halted, else the calendar's.</summary>
    public TradingPhase PhaseAt(Instant at) => Halted ? TradingPhase.Halted : Calendar.PhaseAt(at);

    /// <summary>Whether a <see cref="ClockTicked"/> at <paramref name="now"/> would do anything: the day ended or an auction
    /// closed.</summary>
    public bool NeedsTick(Instant now) => Calendar.DateOf(now) > TradingDate || (_auctions.Count > 0 && AnyAuctionClosedBy(now));

    /// <summary>
    /// Applies one journal input and returns its outputs' records, in order. Before the input itself, a later trading date
    /// closes the day (<see cref="TradingDayClosed"/>, day orders and block proposals EXPIRED) and auctions whose window
    /// has closed clear. For an order: <see cref="OrderAccepted"/> then any trades and cancels, or one
    /// <see cref="OrderRejected"/>; an order id seen before gives no output (a redelivered order).
    /// </summary>
    public IReadOnlyList<object> Apply(object input)
    {
        var outputs = new BookOutputs();
        Apply(input, outputs);
        return Records(outputs);
    }

    /// <summary>
    /// As <see cref="Apply(object)"/>, adding the outputs as values to <paramref name="outputs"/> (a buffer the caller
    /// reuses); <see cref="BookOutput.ToRecord"/> makes their records. An input of another type changes nothing.
    /// </summary>
    public void Apply(object input, BookOutputs outputs)
    {
        switch (input)
        {
            case OrderReceived r:
                Advance(r.ReceivedAt, outputs);
                Submit(r.Order, r.ReceivedAt, outputs);
                break;
            case CancelReceived c:
                Advance(c.ReceivedAt, outputs);
                Cancel(c.Cancel, c.ReceivedAt, outputs);
                break;
            case AmendReceived a:
                Advance(a.ReceivedAt, outputs);
                Amend(a.Amend, a.ReceivedAt, outputs);
                break;
            case BlockDeclineReceived d:
                Advance(d.ReceivedAt, outputs);
                Decline(d.Decline, d.ReceivedAt, outputs);
                break;
            case HaltReceived h:
                Advance(h.ReceivedAt, outputs);
                if (!Halted)
                {
                    HaltReason = h.Halt.Reason;
                    outputs.Add(new InstrumentHalted(InstrumentId, h.Halt.Reason, h.Halt.RequestedBy, h.ReceivedAt));
                }
                break;
            case ResumeReceived r:
                Advance(r.ReceivedAt, outputs);
                if (Halted)
                {
                    HaltReason = null;
                    outputs.Add(new InstrumentResumed(InstrumentId, r.Resume.RequestedBy, r.ReceivedAt));
                }
                break;
            case ClockTicked t:
                Advance(t.At, outputs);
                break;
        }
    }

    /// <summary>Submits a funded order at <paramref name="at"/> (no day roll first; <see cref="Apply(object)"/> does that).</summary>
    public IReadOnlyList<object> Submit(OrderFunded order, Instant at)
    {
        var outputs = new BookOutputs();
        Submit(order, at, outputs);
        return Records(outputs);
    }

    /// <summary>Cancels what is left of an order at <paramref name="at"/>.</summary>
    public IReadOnlyList<object> Cancel(CancelOrder cancel, Instant at)
    {
        var outputs = new BookOutputs();
        Cancel(cancel, at, outputs);
        return Records(outputs);
    }

    private static List<object> Records(BookOutputs outputs)
    {
        var records = new List<object>(outputs.Count);
        outputs.AddRecordsTo(records);
        return records;
    }

    /// <summary>Aggregated price levels a side in market data: the market view and the published depth.</summary>
    public const int DepthLevels = 10;

    /// <summary>The market's state at <paramref name="now"/>, with <paramref name="depth"/> aggregated price levels a side.</summary>
    public MarketView View(Instant now, int depth = DepthLevels) =>
        new(
            InstrumentId,
            PhaseAt(now),
            HaltReason,
            TradingDate,
            ReferencePrice,
            PriceBand,
            BlockPriceBand,
            Top.Bid,
            Top.Ask,
            _day.Last,
            _day.Volume,
            RestingCount,
            [.. _auctions.Keys],
            [.. _proposals.Keys],
            Levels(_bids, depth),
            Levels(_asks, depth)
        );

    /// <summary>Order book depth: up to <paramref name="levels"/> aggregated price levels a side, best first.</summary>
    public (IReadOnlyList<PriceLevel> Bids, IReadOnlyList<PriceLevel> Asks) Depth(int levels) =>
        (Levels(_bids, levels), Levels(_asks, levels));

    private static List<PriceLevel> Levels(BookSide side, int depth)
    {
        var levels = new List<PriceLevel>(Math.Min(depth, side.LevelCount));
        for (var rank = 0; rank < depth && rank < side.LevelCount; rank++)
        {
            var level = side.LevelAt(rank);
            levels.Add(new PriceLevel(level.Price, side.OpenAt(level), level.Count));
        }
        return levels;
    }

    private void Submit(OrderFunded order, Instant at, BookOutputs outputs)
    {
        if (!_seen.TryAdd(order.OrderId, out var entry))
            return;
        switch (order.Type)
        {
            case OrderType.Block when order.ReferenceOrderId is { } proposalId:
                AcceptBlock(order, proposalId, at, outputs);
                return;
            case OrderType.Block:
                ProposeBlock(order, at, outputs);
                return;
            case OrderType.AuctionOffer:
                Announce(order, at, outputs);
                return;
            case OrderType.AuctionBid:
                Bid(order, at, outputs);
                return;
        }

        if (CheckContinuous(order, at) is { } reject)
        {
            outputs.Add().Rejected(order, reject.Reason, reject.Detail, at);
            return;
        }
        var slot = _orders.Add(
            new RestingOrder(order.OrderId, order.ParticipantId, order.Side, order.LimitPrice, order.Quantity, order.TimeInForce, entry)
        );
        ref var taker = ref _orders[slot];
        if (order.TimeInForce == TimeInForce.FillOrKill && Fillable(in taker) is var fillable && fillable < order.Quantity)
        {
            _orders.Free(slot);
            outputs
                .Add()
                .Rejected(
                    order,
                    ReasonCodes.FokNotFillable,
                    $"Fill-or-kill: only {fillable} {Opened.Unit} can trade at once at {order.LimitPrice:0.00} CNY or better; "
                        + "nothing was done.",
                    at
                );
            return;
        }
        outputs.Add().Accepted(order, at);
        var selfTrade = Match(ref taker, at, outputs);
        var rests = order.Type != OrderType.Market && order.TimeInForce is not (TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill);
        if (taker.Open > 0 && !selfTrade && rests)
        {
            Rest(slot);
            return;
        }
        if (taker.Open > 0 && selfTrade)
            Cancelled(outputs, in taker, ReasonCodes.SelfTradePrevented, at);
        else if (taker.Open > 0 && order.Type == OrderType.Market)
            Cancelled(outputs, in taker, ReasonCodes.MarketRemainder, at);
        else if (taker.Open > 0)
            Cancelled(outputs, in taker, ReasonCodes.ImmediateOrCancel, at);
        _orders.Free(slot);
    }

    private void Cancel(CancelOrder cancel, Instant at, BookOutputs outputs)
    {
        var slot = RestingSlotOf(cancel.OrderId);
        if (slot != NoSlot)
        {
            ref var order = ref _orders[slot];
            if (order.ParticipantId != cancel.ParticipantId)
            {
                outputs
                    .Add()
                    .CancelRejected(
                        cancel.OrderId,
                        cancel.ParticipantId,
                        InstrumentId,
                        ReasonCodes.NotOrderOwner,
                        "Only the participant that placed an order may cancel it.",
                        at
                    );
                return;
            }
            Remove(slot);
            Cancelled(outputs, in order, ReasonCodes.Cancelled, at);
            _orders.Free(slot);
            return;
        }
        if (CancelBlockOrAuction(cancel, at, outputs))
            return;
        outputs.Add().CancelRejected(cancel.OrderId, cancel.ParticipantId, InstrumentId, ReasonCodes.OrderNotFound, null, at);
    }

    private void Amend(OrderAmendFunded amend, Instant at, BookOutputs outputs)
    {
        if (!_seenAmends.TryAdd(amend.AmendId, out _))
            return;
        void Refuse(string reason, string? detail) => outputs.Add().AmendRejected(amend, InstrumentId, reason, detail, at);

        var slot = RestingSlotOf(amend.OrderId);
        if (slot == NoSlot)
        {
            Refuse(ReasonCodes.OrderNotFound, null);
            return;
        }
        ref var order = ref _orders[slot];
        if (order.ParticipantId != amend.ParticipantId)
        {
            Refuse(ReasonCodes.NotOrderOwner, "Only the participant that placed an order may amend it.");
            return;
        }
        if (amend.Quantity <= order.Filled)
        {
            Refuse(
                ReasonCodes.AmendBelowFilled,
                $"The new quantity must exceed the {order.Filled} {Opened.Unit} already filled; cancel the order instead."
            );
            return;
        }
        if ((CheckSessionAndHalt(at) ?? CheckQuantity(amend.Quantity) ?? CheckPrice(amend.LimitPrice)) is { } reject)
        {
            Refuse(reject.Reason, reject.Detail);
            return;
        }

        // Only a smaller quantity at the same price keeps the order's place in the queue (price-time priority).
        var keepsPriority = amend.LimitPrice == order.Price && amend.Quantity <= order.Quantity;
        if (keepsPriority)
            order.Open -= order.Quantity - amend.Quantity;
        else
        {
            Remove(slot);
            order.Price = amend.LimitPrice;
            order.Open = amend.Quantity - order.Filled;
        }
        order.Quantity = amend.Quantity;
        outputs
            .Add()
            .Amended(
                amend.AmendId,
                order.OrderId,
                order.ParticipantId,
                InstrumentId,
                order.Side,
                order.Quantity,
                order.Price,
                order.Open,
                keepsPriority,
                at
            );
        if (keepsPriority)
            return;
        var selfTrade = Match(ref order, at, outputs);
        if (order.Open > 0 && !selfTrade)
        {
            Rest(slot);
            return;
        }
        if (order.Open > 0)
            Cancelled(outputs, in order, ReasonCodes.SelfTradePrevented, at);
        _orders.Free(slot);
    }

    /// <summary>
    /// Trades <paramref name="taker"/> against the opposite side while prices cross. Returns true if it stopped at an
    /// order of the same participant (<see cref="SelfTradePrevention.CancelIncoming"/>).
    /// </summary>
    private bool Match(ref RestingOrder taker, Instant at, BookOutputs outputs)
    {
        var opposite = taker.Side == Side.Buy ? _asks : _bids;
        while (taker.Open > 0 && opposite.Best is { } level && Crosses(in taker, level.Price))
        {
            var price = level.Price;
            for (var slot = level.First; taker.Open > 0 && slot != NoSlot; )
            {
                ref var maker = ref _orders[slot];
                var next = _orders.LinkOf(slot).Next;
                if (maker.ParticipantId == taker.ParticipantId)
                {
                    if (Rules.SelfTradePrevention == SelfTradePrevention.CancelIncoming)
                        return true;
                    Remove(slot);
                    Cancelled(outputs, in maker, ReasonCodes.SelfTradePrevented, at);
                    _orders.Free(slot);
                    slot = next;
                    continue;
                }
                var quantity = Math.Min(taker.Open, maker.Open);
                taker.Fill(quantity);
                maker.Fill(quantity);
                Trade(outputs, in taker, in maker, price, quantity, TradeKind.Continuous, at);
                _day.Record(price, quantity);
                if (maker.Open == 0)
                {
                    Remove(slot);
                    _orders.Free(slot);
                }
                slot = next;
            }
        }
        return false;
    }

    /// <summary>What <paramref name="taker"/> could trade at once, under the self-trade rule.</summary>
    private decimal Fillable(in RestingOrder taker)
    {
        var total = 0m;
        var opposite = taker.Side == Side.Buy ? _asks : _bids;
        for (var rank = 0; rank < opposite.LevelCount && opposite.LevelAt(rank) is var level && Crosses(in taker, level.Price); rank++)
        {
            for (var slot = level.First; slot != NoSlot; slot = _orders.LinkOf(slot).Next)
            {
                ref var maker = ref _orders[slot];
                if (maker.ParticipantId == taker.ParticipantId)
                {
                    if (Rules.SelfTradePrevention == SelfTradePrevention.CancelIncoming)
                        return total;
                    continue;
                }
                total += maker.Open;
                if (total >= taker.Open)
                    return total;
            }
        }
        return total;
    }

    private static bool Crosses(in RestingOrder taker, decimal restingPrice) =>
        taker.Side == Side.Buy ? restingPrice <= taker.Price : restingPrice >= taker.Price;

    /// <summary>The slot of the resting order <paramref name="orderId"/>, or <see cref="NoSlot"/> when it does not rest.</summary>
    private int RestingSlotOf(Guid orderId) => _seen.Find(orderId) is var entry and >= 0 ? _seen.SlotOf(entry) : NoSlot;

    /// <summary>Puts the order in <paramref name="slot"/> in the book, last at its price.</summary>
    private void Rest(int slot)
    {
        ref var order = ref _orders[slot];
        (order.Side == Side.Buy ? _bids : _asks).Add(slot);
        _seen.SlotOf(order.Entry) = slot;
        _restingCount++;
    }

    /// <summary>Takes a resting order out of the book; the caller frees its slot once its outputs are made.</summary>
    private void Remove(int slot)
    {
        ref var order = ref _orders[slot];
        (order.Side == Side.Buy ? _bids : _asks).Remove(slot);
        _seen.SlotOf(order.Entry) = NoSlot;
        _restingCount--;
    }

    /// <summary>Closes the trading day if <paramref name="at"/> falls on a later date, then clears the auctions that have closed.</summary>
    private void Advance(Instant at, BookOutputs outputs)
    {
        if (at >= _nextDayStartsAt && Calendar.DateOf(at) is var date && date > TradingDate)
        {
            var close = Rules.CloseRule == CloseRule.Vwap ? _day.Vwap(Rules.TickSize) : _day.Last;
            var reference = close ?? ReferencePrice;
            outputs.Add(
                new TradingDayClosed(
                    InstrumentId,
                    TradingDate,
                    _day.Open,
                    _day.High,
                    _day.Low,
                    reference,
                    Rules.CloseRule.ToString(),
                    _day.Volume,
                    _day.Turnover,
                    _day.Trades,
                    _day.BlockVolume,
                    _day.AuctionVolume,
                    reference,
                    at
                )
            );
            foreach (var slot in RestingSlots().Where(slot => _orders[slot].TimeInForce == TimeInForce.Day).ToList())
            {
                Remove(slot);
                Cancelled(outputs, in _orders[slot], ReasonCodes.Expired, at);
                _orders.Free(slot);
            }
            ExpireBlockProposals(at, outputs);
            ForgetClosedOrders();
            ReferencePrice = reference;
            TradingDate = date;
            _day = new DayStatistics();
        }
        ClearClosedAuctions(at, outputs);
    }

    /// <summary>
    /// Keeps the redelivery guard to the orders still open, so it (and every snapshot) does not grow with history;
    /// an older message delivered again is dropped by the service's inbox before it reaches the book.
    /// </summary>
    private void ForgetClosedOrders()
    {
        HashSet<Guid> auctionOrders = [.. _auctions.Keys, .. _auctions.Values.SelectMany(a => a.Bids.Select(b => b.OrderId))];
        var kept = new IdTable();
        for (var entry = 0; entry < _seen.Count; entry++)
        {
            var slot = _seen.SlotOf(entry);
            if (slot == NoSlot && !auctionOrders.Contains(_seen.IdOf(entry)))
                continue;
            kept.TryAdd(_seen.IdOf(entry), out var keptEntry);
            kept.SlotOf(keptEntry) = slot;
            if (slot != NoSlot)
                _orders[slot].Entry = keptEntry;
        }
        _seen = kept;
        _seenAmends = new IdTable();
        _closedAuctions.Clear();
    }

    /// <summary>The slots of every resting order: bids then asks, each best price first, then oldest first.</summary>
    private IEnumerable<int> RestingSlots() => _bids.Slots().Concat(_asks.Slots());

    private (string Reason, string Detail)? CheckContinuous(OrderFunded order, Instant at)
    {
        if (order.Type == OrderType.Market && order.TimeInForce == TimeInForce.GoodTillCancelled)
            return (
                ReasonCodes.TimeInForceNotAllowed,
                "A market order trades at once or not at all: use Day, ImmediateOrCancel or FillOrKill."
            );
        return CheckSessionAndHalt(at)
            ?? CheckQuantity(order.Quantity)
            ?? (
                Rules.MinimumQuantity is { } min && order.Quantity < min
                    ? (ReasonCodes.QuantityBelowMinimum, $"Orders must be at least {min} {Opened.Unit}.")
                    : ((string, string)?)null
            )
            ?? CheckPrice(order.LimitPrice);
    }

    private (string Reason, string Detail)? CheckSessionAndHalt(Instant at)
    {
        if (Halted)
            return (ReasonCodes.InstrumentHalted, $"Trading in {InstrumentId} is halted: {HaltReason}.");
        var phase = Calendar.PhaseAt(at);
        if (phase != TradingPhase.Continuous)
            return (
                ReasonCodes.MarketClosed,
                $"{InstrumentId} is {phase} at {at.InZone(NodaTime.DateTimeZoneProviders.Tzdb[Calendar.TimeZone]):yyyy-MM-dd HH:mm:ss}; "
                    + $"listing sessions: {Calendar.DescribeListingSessions()}."
            );
        return null;
    }

    private (string Reason, string Detail)? CheckQuantity(decimal quantity)
    {
        if (quantity <= 0 || !IsMultiple(quantity, LotSize, _lotPlaces))
            return (ReasonCodes.QuantityStep, $"Quantity must be a positive multiple of {LotSize} {Opened.Unit}.");
        if (Rules.MaximumQuantity is { } max && quantity > max)
            return (
                ReasonCodes.QuantityAboveMaximum,
                $"Listing orders may be at most {max} {Opened.Unit}; larger quantities trade as block trades."
            );
        return null;
    }

    private (string Reason, string Detail)? CheckPrice(decimal price)
    {
        if (price <= 0 || !IsMultiple(price, Rules.TickSize, _tickPlaces))
            return (ReasonCodes.PriceTick, $"The price must be a positive multiple of {Rules.TickSize} CNY.");
        if (PriceBand is { } band && (price < band.Low || price > band.High))
            return (
                ReasonCodes.PriceOutsideLimits,
                $"Today's price limits are {band.Low:0.00} to {band.High:0.00} CNY ({Rules.PriceLimitPercent}% around "
                    + $"{ReferencePrice:0.00})."
            );
        return null;
    }

    // decimal's % is slow; a value with no more decimal places than a power-of-ten step is a multiple of it.
    private static bool IsMultiple(decimal value, decimal step, int? stepPlaces) =>
        (stepPlaces is { } places && value.Scale <= places) || value % step == 0;

    /// <summary>k when <paramref name="step"/> is 10^-k (0.01 gives 2, 1 gives 0), else null.</summary>
    private static int? DecimalPlacesOf(decimal step)
    {
        var power = 1m;
        for (var places = 0; places <= 28; places++, power /= 10)
            if (power == step)
                return places;
        return null;
    }

    private PriceBand? Band(decimal? percent)
    {
        if (ReferencePrice is not { } reference || percent is not { } pct)
            return null;
        var tick = Rules.TickSize;
        return new PriceBand(
            Math.Ceiling(reference * (1 - pct / 100m) / tick) * tick,
            Math.Floor(reference * (1 + pct / 100m) / tick) * tick
        );
    }

    private void Cancelled(BookOutputs outputs, in RestingOrder order, string reason, Instant at) =>
        outputs.Add().Cancelled(order.OrderId, order.ParticipantId, InstrumentId, order.Side, order.Open, at, reason);

    private void Trade(
        BookOutputs outputs,
        in RestingOrder taker,
        in RestingOrder maker,
        decimal price,
        decimal quantity,
        TradeKind kind,
        Instant at
    )
    {
        _tradeSequence++;
        ref readonly var buy = ref taker.Side == Side.Buy ? ref taker : ref maker;
        ref readonly var sell = ref taker.Side == Side.Buy ? ref maker : ref taker;
        outputs
            .Add()
            .Trade(
                InstrumentId,
                Opened.Unit,
                _tradeSequence,
                quantity,
                price,
                buy.OrderId,
                buy.ParticipantId,
                sell.OrderId,
                sell.ParticipantId,
                taker.Side,
                buy.Open,
                sell.Open,
                at,
                kind
            );
    }

    /// <summary>The current trading day's figures. Prices CNY per unit; volumes in the instrument's unit.</summary>
    private sealed class DayStatistics
    {
        public decimal? Open { get; private set; }
        public decimal? High { get; private set; }
        public decimal? Low { get; private set; }
        public decimal? Last { get; private set; }
        public decimal Volume { get; private set; }
        public decimal Turnover { get; private set; }
        public int Trades { get; private set; }
        public decimal BlockVolume { get; set; }
        public decimal AuctionVolume { get; set; }

        public void Record(decimal price, decimal quantity)
        {
            Open ??= price;
            High = High is { } h ? Math.Max(h, price) : price;
            Low = Low is { } l ? Math.Min(l, price) : price;
            Last = price;
            Volume += quantity;
            Turnover += price * quantity;
            Trades++;
        }

        public void Restore(DayState day)
        {
            (Open, High, Low, Last, Volume, Turnover, Trades) = (
                day.Open,
                day.High,
                day.Low,
                day.Last,
                day.Volume,
                day.Turnover,
                day.Trades
            );
            (BlockVolume, AuctionVolume) = (day.BlockVolume, day.AuctionVolume);
        }

        /// <summary>Volume-weighted average price, rounded half up to <paramref name="tick"/>; null when nothing traded.</summary>
        public decimal? Vwap(decimal tick) =>
            Volume == 0 ? null : Math.Round(Turnover / Volume / tick, MidpointRounding.AwayFromZero) * tick;
    }
}
