using CsCheck;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Matching.Engine;

namespace RightsExchange.UnitTests.Matching;

/// <summary>
/// <see cref="AuctionClearing"/> against naive models on random bid sets: one-way bidding handed out one lot at a
/// time to the best remaining bid; sealed bid priced at the highest bid price whose demand covers the volume.
/// </summary>
public class AuctionClearingReferenceTests
{
    private static readonly Gen<(decimal Lot, decimal Volume, decimal Reserve, List<AuctionClearing.Bid> Bids)> Auctions = Gen.Select(
            Gen.Bool.Select(b => b ? 500m : 1m),
            Gen.Int[1, 20],
            Gen.Int[90, 100],
            Gen.Select(Gen.Int[1, 6], Gen.Int[90, 100]).List[0, 12]
        )
        .Select(
            (lot, lots, reserve, bids) =>
                (
                    lot,
                    lot * lots,
                    (decimal)reserve,
                    bids.Select((b, i) => new AuctionClearing.Bid(Guid.NewGuid(), lot * b.Item1, b.Item2, i + 1)).ToList()
                )
        );

    [Fact]
    public void One_way_bidding_gives_each_lot_to_the_best_remaining_bid()
    {
        Auctions.Sample(a =>
        {
            var result = AuctionClearing.Clear(AuctionFormat.OneWayBidding, a.Volume, a.Reserve, a.Lot, a.Bids, "seed");
            if (a.Bids.Count == 0)
                return result.CancelReason == "NO_BIDS";

            var left = a.Bids.ToDictionary(b => b.OrderId, b => b.Quantity);
            var won = new Dictionary<Guid, decimal>();
            for (var volume = a.Volume; volume > 0; volume -= a.Lot)
            {
                var best = a.Bids.Where(b => left[b.OrderId] > 0).OrderByDescending(b => b.Price).ThenBy(b => b.Sequence).FirstOrDefault();
                if (best is null)
                    break;
                left[best.OrderId] -= a.Lot;
                won[best.OrderId] = won.GetValueOrDefault(best.OrderId) + a.Lot;
            }
            return result.CancelReason is null
                && result.Allocations.Count == won.Count
                && result.Allocations.All(x => won[x.OrderId] == x.Quantity);
        });
    }

    [Fact]
    public void A_sealed_bid_auction_clears_where_demand_first_covers_the_volume()
    {
        Auctions.Sample(a =>
        {
            var result = AuctionClearing.Clear(AuctionFormat.SealedBid, a.Volume, a.Reserve, a.Lot, a.Bids, "seed");
            decimal Demand(decimal price) => a.Bids.Where(b => b.Price >= price).Sum(b => b.Quantity);
            if (a.Bids.Count == 0)
                return result.CancelReason == "NO_BIDS";
            if (Demand(0) < a.Volume)
                return result.CancelReason == "BIDS_BELOW_VOLUME";

            var clearing = a.Bids.Select(b => b.Price).Where(p => Demand(p) >= a.Volume).Max();
            if (clearing < a.Reserve)
                return result.CancelReason == "CLEARING_BELOW_RESERVE" && result.ClearingPrice == clearing;

            var won = result.Allocations.ToDictionary(x => x.OrderId, x => x.Quantity);
            var atClearing = a.Bids.Where(b => b.Price == clearing).ToList();
            var partial = atClearing.Count(b => won.GetValueOrDefault(b.OrderId) is var q && q > 0 && q < b.Quantity);
            return result.CancelReason is null
                && result.ClearingPrice == clearing
                && result.Allocations.Sum(x => x.Quantity) == a.Volume
                && a.Bids.Where(b => b.Price > clearing).All(b => won.GetValueOrDefault(b.OrderId) == b.Quantity)
                && a.Bids.Where(b => b.Price < clearing).All(b => !won.ContainsKey(b.OrderId))
                && atClearing.All(b => won.GetValueOrDefault(b.OrderId) <= b.Quantity && won.GetValueOrDefault(b.OrderId) % a.Lot == 0)
                && partial <= 1;
        });
    }
}
