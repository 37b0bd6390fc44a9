using NodaTime;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Matching.Engine;

// Snapshots: the whole state of a book as plain data, so a restart replays only the journal written after it.
// Restore(Capture()) must behave exactly as the book it was captured from; the snapshot tests feed both the same inputs.
public sealed partial class OrderBook
{
    /// <summary>The book's state now, as data (resting orders of each side in priority order).</summary>
    public BookState Capture() =>
        new(
            Opened,
            TradingDate,
            ReferencePrice,
            HaltReason,
            _tradeSequence,
            _bidSequence,
            new DayState(
                _day.Open,
                _day.High,
                _day.Low,
                _day.Last,
                _day.Volume,
                _day.Turnover,
                _day.Trades,
                _day.BlockVolume,
                _day.AuctionVolume
            ),
            [.. RestingSlots().Select(RestingStateOf)],
            [.. _seen.Ids()],
            [.. _seenAmends.Ids()],
            [
                .. _auctions.Values.Select(a => new AuctionState(
                    a.AuctionId,
                    a.SellerId,
                    a.Quantity,
                    a.ReservePrice,
                    a.Terms,
                    a.BidLot,
                    [.. a.Bids.Select(b => new AuctionBidState(b.OrderId, b.ParticipantId, b.Quantity, b.Price, b.Sequence))]
                )),
            ],
            [.. _closedAuctions],
            [
                .. _proposals.Values.Select(p => new BlockProposalState(
                    p.ProposalId,
                    p.ProposerId,
                    p.CounterpartyId,
                    p.Side,
                    p.Quantity,
                    p.Price
                )),
            ]
        );

    /// <summary>A book in the state <paramref name="state"/> was captured in.</summary>
    public static OrderBook Restore(BookState state)
    {
        var book = new OrderBook(state.Opened)
        {
            TradingDate = state.TradingDate,
            ReferencePrice = state.ReferencePrice,
            HaltReason = state.HaltReason,
            _tradeSequence = state.TradeSequence,
            _bidSequence = state.BidSequence,
        };
        book._day.Restore(state.Day);
        foreach (var id in state.SeenOrders)
            book._seen.TryAdd(id, out _);
        foreach (var o in state.Resting)
        {
            // A resting order's id is among those seen; TryAdd finds its entry.
            book._seen.TryAdd(o.OrderId, out var entry);
            var slot = book._orders.Add(new RestingOrder(o.OrderId, o.ParticipantId, o.Side, o.Price, o.Quantity, o.TimeInForce, entry));
            book._orders[slot].Fill(o.Filled);
            book.Rest(slot);
        }
        foreach (var id in state.SeenAmends)
            book._seenAmends.TryAdd(id, out _);
        foreach (var a in state.Auctions)
        {
            var auction = new Auction(a.AuctionId, a.SellerId, a.Quantity, a.ReservePrice, a.Terms, a.BidLot);
            auction.Bids.AddRange(a.Bids.Select(b => new AuctionBid(b.OrderId, b.ParticipantId, b.Quantity, b.Price, b.Sequence)));
            book._auctions[a.AuctionId] = auction;
        }
        book._closedAuctions.UnionWith(state.ClosedAuctions);
        foreach (var p in state.Proposals)
            book._proposals[p.ProposalId] = new BlockProposal(p.ProposalId, p.ProposerId, p.CounterpartyId, p.Side, p.Quantity, p.Price);
        return book;
    }

    private RestingState RestingStateOf(int slot)
    {
        ref var o = ref _orders[slot];
        return new RestingState(o.OrderId, o.ParticipantId, o.Side, o.Price, o.Quantity, o.Filled, o.TimeInForce);
    }
}

/// <summary>
/// Everything an <see cref="OrderBook"/> holds. Prices CNY per unit, quantities in the instrument's unit.
/// <paramref name="SeenOrders"/> and <paramref name="SeenAmends"/> are the ids the book has already handled today
/// (it forgets older ones at each day's close; a redelivery across days is caught by the service's inbox).
/// </summary>
public sealed record BookState(
    BookOpened Opened,
    LocalDate TradingDate,
    decimal? ReferencePrice,
    string? HaltReason,
    long TradeSequence,
    long BidSequence,
    DayState Day,
    IReadOnlyList<RestingState> Resting,
    IReadOnlyList<Guid> SeenOrders,
    IReadOnlyList<Guid> SeenAmends,
    IReadOnlyList<AuctionState> Auctions,
    IReadOnlyList<Guid> ClosedAuctions,
    IReadOnlyList<BlockProposalState> Proposals
);

/// <summary>The current trading day's figures (listing trades; block and auction volume apart).</summary>
public sealed record DayState(
    decimal? Open,
    decimal? High,
    decimal? Low,
    decimal? Last,
    decimal Volume,
    decimal Turnover,
    int Trades,
    decimal BlockVolume,
    decimal AuctionVolume
);

/// <summary>A resting limit order; the list it is in gives its time priority.</summary>
public sealed record RestingState(
    Guid OrderId,
    string ParticipantId,
    Side Side,
    decimal Price,
    decimal Quantity,
    decimal Filled,
    TimeInForce TimeInForce
);

/// <summary>An auction open for bids, with its bids in arrival order.</summary>
public sealed record AuctionState(
    Guid AuctionId,
    string SellerId,
    decimal Quantity,
    decimal ReservePrice,
    AuctionTerms Terms,
    decimal BidLot,
    IReadOnlyList<AuctionBidState> Bids
);

/// <summary>One bid in an open auction.</summary>
public sealed record AuctionBidState(Guid OrderId, string ParticipantId, decimal Quantity, decimal Price, long Sequence);

/// <summary>A block proposal waiting for its counterparty.</summary>
public sealed record BlockProposalState(
    Guid ProposalId,
    string ProposerId,
    string CounterpartyId,
    Side Side,
    decimal Quantity,
    decimal Price
);
