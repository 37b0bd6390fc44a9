using NodaTime;
using RightsExchange.Accounts.Corridors;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.UnitTests.Accounts;

public sealed class WaterCorridorTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 6, 1, 2, 0);

    [Fact]
    public void A_corridor_carries_its_basin_to_its_region_and_the_regions_within_it()
    {
        var corridor = new WaterCorridorSettings
        {
            Id = "dj-hk",
            FromBasin = "Dongjiang",
            ToRegion = "CN-HK",
            VolumePerYear = 100m,
        };
        Assert.True(corridor.Carries("Dongjiang", "CN-HK"));
        Assert.True(corridor.Carries("Dongjiang", "CN-HK-Kowloon"));
        Assert.False(corridor.Carries("Dongjiang", "CN-HKX"));
        Assert.False(corridor.Carries("Xijiang", "CN-HK"));
    }

    [Fact]
    public void The_use_counts_per_year_and_the_queue_keeps_its_order()
    {
        TransferUnits Request(decimal quantity) => new(Guid.NewGuid(), "up", "down", "WATER", quantity, null, "t");
        var (first, second) = (Request(60m), Request(30m));
        var use = new object[]
        {
            new CorridorTransferMade(Guid.NewGuid(), 70m, 2026, T0),
            new CorridorTransferQueued(first, 30m, T0),
            new CorridorTransferQueued(second, 30m, T0),
            new CorridorCapacityReturned(Guid.NewGuid(), 40m, 2026, T0),
            new CorridorTransferMade(first.TransferId, 60m, 2026, T0),
            new CorridorTransferDropped(second.TransferId, "INSUFFICIENT_UNITS", "gone", T0),
            new CorridorTransferMade(Guid.NewGuid(), 10m, 2027, T0),
        }.Aggregate((CorridorUse?)null, (s, e) => CorridorUse.Fold(s, "corridor:dj-hk", e))!;

        Assert.Equal((90m, 10m), (use.UsedIn(2026), use.UsedIn(2027)));
        Assert.Empty(use.Queue);
        Assert.Equal([(second.TransferId, "INSUFFICIENT_UNITS")], use.Dropped.Select(d => (d.TransferId, d.Reason)));
    }
}
