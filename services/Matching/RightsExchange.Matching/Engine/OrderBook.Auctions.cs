using System.Security.Cryptography;
using System.Text;
using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Matching.Engine;

// Auctions: a seller announces a quantity at a reserve price with a bidding window; buyers bid; the first input at or
// after the window's close clears it.
// - One-way bidding (单向竞价, national ETS trading rules 2021): bids at or above the reserve; allocation by price,
//   then time; pay-as-bid or uniform price as announced; what is not bid for stays with the seller.
// - Sealed bid (EEX primary auctions): bids in lots; the clearing price is the price of the bid at which cumulative
//   demand, highest price first, reaches the volume; bids above it are filled in full, bids at it share the rest in the
//   order of a seeded random draw (the seed is recorded, so a replay draws the same); the auction is cancelled if
//   the bids fall short of the volume or the clearing price is below the reserve.
public sealed partial class OrderBook
{
    private readonly SortedDictionary<Guid, Auction> _auctions = new();
    private readonly HashSet<Guid> _closedAuctions = new();
    private long _bidSequence;

    private void Announce(OrderFunded order, Instant at, BookOutputs outputs)
    {
        var lot = order.Auction?.BidLot ?? LotSize;
        (string Reason, string Detail)? reject =
            Halted ? (ReasonCodes.InstrumentHalted, $"Trading in {InstrumentId} is halted: {HaltReason}.")
            : order.Side != Side.Sell ? (ReasonCodes.AuctionTerms, "An auction is announced by the seller of the quantity.")
            : order.Auction is null ? (ReasonCodes.AuctionTerms, "An auction offer needs its terms: format, pricing, closing instant.")
            : order.Auction.ClosesAt <= at ? (ReasonCodes.AuctionTerms, $"The bidding window must close after the announcement ({at}).")
            : lot <= 0 || lot % LotSize != 0
                ? (ReasonCodes.AuctionTerms, $"The bid lot must be a positive multiple of {LotSize} {Opened.Unit}.")
            : order.Quantity <= 0 || order.Quantity % lot != 0
                ? (ReasonCodes.QuantityStep, $"The auction volume must be a positive multiple of the bid lot, {lot} {Opened.Unit}.")
            : order.LimitPrice <= 0 || order.LimitPrice % Rules.TickSize != 0
                ? (ReasonCodes.PriceTick, $"The reserve price must be a positive multiple of {Rules.TickSize} CNY.")
            : null;
        if (reject is { } r)
        {
            outputs.Add().Rejected(order, r.Reason, r.Detail, at);
            return;
        }
        _auctions[order.OrderId] = new Auction(order.OrderId, order.ParticipantId, order.Quantity, order.LimitPrice, order.Auction!, lot);
        outputs.Add().Accepted(order, at);
        outputs.Add(
            new AuctionAnnounced(
                order.OrderId,
                InstrumentId,
                order.ParticipantId,
                order.Quantity,
                order.LimitPrice,
                order.Auction! with
                {
                    BidLot = lot,
                },
                at
            )
        );
    }

    private void Bid(OrderFunded order, Instant at, BookOutputs outputs)
    {
        var auctionId = order.ReferenceOrderId ?? Guid.Empty;
        if (!_auctions.TryGetValue(auctionId, out var auction))
        {
            if (_closedAuctions.Contains(auctionId))
                outputs.Add().Rejected(order, ReasonCodes.AuctionClosed, $"Auction {auctionId} has closed.", at);
            else
                outputs.Add().Rejected(order, ReasonCodes.AuctionNotFound, $"No auction {auctionId} in {InstrumentId}.", at);
            return;
        }
        (string Reason, string Detail)? reject =
            Halted ? (ReasonCodes.InstrumentHalted, $"Trading in {InstrumentId} is halted: {HaltReason}.")
            : order.Side != Side.Buy ? (ReasonCodes.AuctionBidSide, "Auction bids are buy orders.")
            : order.ParticipantId == auction.SellerId ? (ReasonCodes.SelfTrade, "The seller may not bid in its own auction.")
            : order.Quantity <= 0 || order.Quantity % auction.BidLot != 0
                ? (ReasonCodes.AuctionBidLot, $"Bids are positive multiples of {auction.BidLot} {Opened.Unit}.")
            : order.Quantity > auction.Quantity
                ? (ReasonCodes.AuctionBidTooLarge, $"A bid may be at most the auction volume, {auction.Quantity} {Opened.Unit}.")
            : order.LimitPrice <= 0 || order.LimitPrice % Rules.TickSize != 0
                ? (ReasonCodes.PriceTick, $"The price must be a positive multiple of {Rules.TickSize} CNY.")
            : auction.Terms.Format == AuctionFormat.OneWayBidding && order.LimitPrice < auction.ReservePrice
                ? (ReasonCodes.BidBelowReserve, $"Bids must be at least the reserve price, {auction.ReservePrice:0.00} CNY.")
            : null;
        if (reject is { } r)
        {
            outputs.Add().Rejected(order, r.Reason, r.Detail, at);
            return;
        }
        auction.Bids.Add(new AuctionBid(order.OrderId, order.ParticipantId, order.Quantity, order.LimitPrice, ++_bidSequence));
        outputs.Add().Accepted(order, at);
    }

    private bool CancelAuctionOrder(CancelOrder cancel, Instant at, BookOutputs outputs)
    {
        // Enumerating a SortedDictionary allocates, even an empty one; most books have no auction open.
        if (_auctions.Count == 0)
            return false;
        if (_auctions.TryGetValue(cancel.OrderId, out var auction))
        {
            if (auction.SellerId != cancel.ParticipantId)
                outputs.Add(
                    new CancelRejected(
                        cancel.OrderId,
                        cancel.ParticipantId,
                        ReasonCodes.NotOrderOwner,
                        "Only the seller may withdraw its auction.",
                        at
                    )
                );
            else if (auction.Bids.Count > 0)
                outputs.Add(
                    new CancelRejected(
                        cancel.OrderId,
                        cancel.ParticipantId,
                        ReasonCodes.AuctionHasBids,
                        "An auction with bids cannot be withdrawn; it clears at the end of its window.",
                        at
                    )
                );
            else
            {
                _auctions.Remove(cancel.OrderId);
                _closedAuctions.Add(cancel.OrderId);
                outputs.Add(
                    new OrderCancelled(
                        auction.AuctionId,
                        auction.SellerId,
                        InstrumentId,
                        Side.Sell,
                        auction.Quantity,
                        at,
                        ReasonCodes.Cancelled
                    )
                );
            }
            return true;
        }
        foreach (var open in _auctions.Values)
        {
            if (BidOf(open, cancel.OrderId) is not { } bid)
                continue;
            if (bid.ParticipantId != cancel.ParticipantId)
                outputs.Add(
                    new CancelRejected(
                        cancel.OrderId,
                        cancel.ParticipantId,
                        ReasonCodes.NotOrderOwner,
                        "Only the bidder may withdraw its bid.",
                        at
                    )
                );
            else
            {
                open.Bids.Remove(bid);
                outputs.Add(
                    new OrderCancelled(bid.OrderId, bid.ParticipantId, InstrumentId, Side.Buy, bid.Quantity, at, ReasonCodes.Cancelled)
                );
            }
            return true;
        }
        return false;
    }

    private static AuctionBid? BidOf(Auction auction, Guid orderId)
    {
        foreach (var bid in auction.Bids)
            if (bid.OrderId == orderId)
                return bid;
        return null;
    }

    private bool AnyAuctionClosedBy(Instant at)
    {
        foreach (var auction in _auctions.Values)
            if (auction.Terms.ClosesAt <= at)
                return true;
        return false;
    }

    private void ClearClosedAuctions(Instant at, BookOutputs outputs)
    {
        if (_auctions.Count == 0)
            return;
        foreach (var auction in ClosedBy(at))
        {
            _auctions.Remove(auction.AuctionId);
            _closedAuctions.Add(auction.AuctionId);
            Clear(auction, at, outputs);
        }
    }

    // Apart from ClearClosedAuctions: a lambda capturing a parameter allocates its closure on entry to the method, even
    // when the method returns before reaching it, and that one runs for every input.
    private List<Auction> ClosedBy(Instant at) =>
        _auctions.Values.Where(a => a.Terms.ClosesAt <= at).OrderBy(a => a.Terms.ClosesAt).ThenBy(a => a.AuctionId).ToList();

    private void Clear(Auction auction, Instant at, BookOutputs outputs)
    {
        var seed = TieBreakSeed(auction);
        var result = AuctionClearing.Clear(
            auction.Terms.Format,
            auction.Quantity,
            auction.ReservePrice,
            auction.BidLot,
            auction.Bids.Select(b => new AuctionClearing.Bid(b.OrderId, b.Quantity, b.Price, b.Sequence)).ToList(),
            seed
        );
        if (result.CancelReason is { } reason)
        {
            outputs.Add(new AuctionCancelled(auction.AuctionId, InstrumentId, reason, result.CancelDetail!, at));
            foreach (var bid in auction.Bids)
                outputs.Add(
                    new OrderCancelled(
                        bid.OrderId,
                        bid.ParticipantId,
                        InstrumentId,
                        Side.Buy,
                        bid.Quantity,
                        at,
                        ReasonCodes.AuctionCancelled
                    )
                );
            outputs.Add(
                new OrderCancelled(
                    auction.AuctionId,
                    auction.SellerId,
                    InstrumentId,
                    Side.Sell,
                    auction.Quantity,
                    at,
                    ReasonCodes.AuctionCancelled
                )
            );
            return;
        }

        var allocated = result.Allocations.Sum(a => a.Quantity);
        outputs.Add(
            new AuctionCleared(
                auction.AuctionId,
                InstrumentId,
                result.ClearingPrice,
                allocated,
                auction.Quantity,
                auction.Bids.Count,
                result.Allocations.Count,
                seed,
                at
            )
        );
        var seller = new RestingOrder(
            auction.AuctionId,
            auction.SellerId,
            Side.Sell,
            auction.ReservePrice,
            auction.Quantity,
            TimeInForce.Day,
            NoSlot
        );
        var bids = auction.Bids.ToDictionary(b => b.OrderId);
        foreach (var allocation in result.Allocations)
        {
            var bid = bids[allocation.OrderId];
            var buyer = new RestingOrder(bid.OrderId, bid.ParticipantId, Side.Buy, bid.Price, bid.Quantity, TimeInForce.Day, NoSlot);
            buyer.Fill(allocation.Quantity);
            seller.Fill(allocation.Quantity);
            var price = auction.Terms.Pricing == AuctionPricing.UniformPrice ? result.ClearingPrice : bid.Price;
            Trade(outputs, buyer, seller, price, allocation.Quantity, TradeKind.Auction, at);
        }
        _day.AuctionVolume += allocated;
        var won = result.Allocations.ToDictionary(a => a.OrderId, a => a.Quantity);
        foreach (var bid in auction.Bids)
        {
            var left = bid.Quantity - won.GetValueOrDefault(bid.OrderId);
            if (left > 0)
                outputs.Add(
                    new OrderCancelled(bid.OrderId, bid.ParticipantId, InstrumentId, Side.Buy, left, at, ReasonCodes.AuctionUnfilled)
                );
        }
        if (seller.Open > 0)
            outputs.Add(
                new OrderCancelled(auction.AuctionId, auction.SellerId, InstrumentId, Side.Sell, seller.Open, at, ReasonCodes.AuctionUnsold)
            );
    }

    /// <summary>
    /// The recorded seed of an auction's tie-break draw, hashed from the auction and every bid in it: no bidder knows
    /// the others' sealed bids, so none can choose an order id that wins the draw.
    /// </summary>
    private static string TieBreakSeed(Auction auction)
    {
        var text = new StringBuilder($"{auction.AuctionId:N}|{auction.Terms.ClosesAt.ToUnixTimeTicks()}");
        foreach (var bid in auction.Bids)
            text.Append($"|{bid.OrderId:N}:{bid.Quantity}@{bid.Price}");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    private sealed record Auction(
        Guid AuctionId,
        string SellerId,
        decimal Quantity,
        decimal ReservePrice,
        AuctionTerms Terms,
        decimal BidLot
    )
    {
        public List<AuctionBid> Bids { get; } = new();
    }

    private sealed record AuctionBid(Guid OrderId, string ParticipantId, decimal Quantity, decimal Price, long Sequence);
}

/// <summary>
/// Auction allocation as a pure function of the bids, so it can be tested and replayed on its own.
/// Quantities are in the instrument's unit, prices in CNY per unit.
/// </summary>
public static class AuctionClearing
{
    /// <summary>A bid: <paramref name="Sequence"/> is its arrival order (time priority).</summary>
    public sealed record Bid(Guid OrderId, decimal Quantity, decimal Price, long Sequence);

    public sealed record Allocation(Guid OrderId, decimal Quantity);

    /// <summary>The allocations (best price first), the clearing price (lowest winning bid), or why the auction is cancelled.</summary>
    public sealed record Result(IReadOnlyList<Allocation> Allocations, decimal ClearingPrice, string? CancelReason, string? CancelDetail);

    /// <summary>
    /// Clears an auction of <paramref name="volume"/> units. One-way bidding: price then time, partial fill of the
    /// last winner; cancelled (NO_BIDS) only when nobody bid. Sealed bid: see the type's remarks; cancelled with
    /// BIDS_BELOW_VOLUME or CLEARING_BELOW_RESERVE. Tied bids at the clearing price of a sealed-bid auction are ordered
    /// by SHA-256 of <paramref name="seed"/> and the bid's id.
    /// </summary>
    public static Result Clear(
        AuctionFormat format,
        decimal volume,
        decimal reservePrice,
        decimal lot,
        IReadOnlyList<Bid> bids,
        string seed
    )
    {
        if (bids.Count == 0)
            return new Result([], 0m, ReasonCodes.NoBids, "No bids were placed.");
        if (format == AuctionFormat.OneWayBidding)
            return Allocate(bids.OrderByDescending(b => b.Price).ThenBy(b => b.Sequence), volume, lot);

        var demand = bids.Sum(b => b.Quantity);
        if (demand < volume)
            return new Result([], 0m, ReasonCodes.BidsBelowVolume, $"Bids total {demand}, below the auction volume of {volume}.");
        var cumulative = 0m;
        var clearing = 0m;
        foreach (var bid in bids.OrderByDescending(b => b.Price))
        {
            cumulative += bid.Quantity;
            if (cumulative < volume)
                continue;
            clearing = bid.Price;
            break;
        }
        if (clearing < reservePrice)
            return new Result(
                [],
                clearing,
                ReasonCodes.ClearingBelowReserve,
                $"The clearing price {clearing:0.00} CNY is below the reserve of {reservePrice:0.00} CNY."
            );
        var ordered = bids.Where(b => b.Price > clearing)
            .OrderByDescending(b => b.Price)
            .ThenBy(b => b.Sequence)
            .Concat(bids.Where(b => b.Price == clearing).OrderBy(b => Draw(seed, b.OrderId), StringComparer.Ordinal))
            .Where(b => b.Price >= clearing);
        return Allocate(ordered, volume, lot) with { ClearingPrice = clearing };
    }

    private static Result Allocate(IEnumerable<Bid> ordered, decimal volume, decimal lot)
    {
        var left = volume;
        var allocations = new List<Allocation>();
        var lowest = 0m;
        foreach (var bid in ordered)
        {
            if (left <= 0)
                break;
            var quantity = Math.Floor(Math.Min(bid.Quantity, left) / lot) * lot;
            if (quantity <= 0)
                break;
            allocations.Add(new Allocation(bid.OrderId, quantity));
            left -= quantity;
            lowest = bid.Price;
        }
        return new Result(allocations, lowest, null, null);
    }

    private static string Draw(string seed, Guid orderId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{orderId:N}")));
}
