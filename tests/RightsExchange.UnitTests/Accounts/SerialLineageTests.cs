using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.UnitTests.Accounts;

public sealed class SerialLineageTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 6, 1, 2, 0);
    private static readonly IReadOnlyList<SerialBlock> Pool = [new(1, 1, 100), new(2, 101, 150), new(1, 201, 210)];

    [Fact]
    public void Take_is_first_in_first_out_and_splits_the_last_block()
    {
        Assert.Equal([new SerialBlock(1, 1, 100), new SerialBlock(2, 101, 120)], SerialPool.Take(Pool, 120));
        Assert.Equal([new SerialBlock(1, 1, 100), new SerialBlock(1, 201, 205)], SerialPool.Take(Pool, 105, batch: 1));
        Assert.Null(SerialPool.Take(Pool, 161));
        Assert.Null(SerialPool.Take(Pool, 51, batch: 2));
    }

    [Fact]
    public void Remove_cuts_blocks_out_and_add_appends_joining_a_continuation()
    {
        Assert.Equal(
            [new SerialBlock(1, 1, 9), new SerialBlock(1, 21, 100), new SerialBlock(2, 101, 150), new SerialBlock(1, 201, 210)],
            SerialPool.Remove(Pool, [new SerialBlock(1, 10, 20)])
        );
        Assert.Throws<InvalidOperationException>(() => SerialPool.Remove(Pool, [new SerialBlock(1, 95, 105)]));
        Assert.Equal(
            [new SerialBlock(1, 1, 100), new SerialBlock(2, 101, 150), new SerialBlock(1, 201, 220)],
            SerialPool.Add(Pool, [new SerialBlock(1, 211, 220)])
        );
        Assert.Equal(4, SerialPool.Add(Pool, [new SerialBlock(2, 211, 220)]).Count);
        Assert.True(SerialPool.Contains(Pool, [new SerialBlock(1, 50, 60), new SerialBlock(1, 205, 210)]));
        Assert.False(SerialPool.Contains(Pool, [new SerialBlock(1, 150, 160)]));
    }

    [Fact]
    public void A_serial_is_one_quantity_step()
    {
        Assert.Equal(34_949, SerialPool.Count(3_494.9m, 0.1m));
        Assert.Throws<InvalidOperationException>(() => SerialPool.Count(1.05m, 0.1m));
    }

    [Fact]
    public void Batches_number_on_and_serials_never_restart()
    {
        var listed = new InstrumentListed(
            "FCT",
            "Forestry carbon ticket",
            InstrumentClass.ForestrySink,
            "tCO2e",
            0.1m,
            2025,
            null,
            null,
            "CN-AH",
            "regional",
            null,
            T0
        );
        var instrument = Instrument.Fold(null, "instrument:FCT", listed)!;
        var first = instrument.NextBatch(1_000);
        instrument = Instrument.Fold(instrument, "instrument:FCT", new SerialsAssigned(Guid.NewGuid(), first, T0))!;
        Assert.Equal((new SerialBlock(1, 1, 1_000), new SerialBlock(2, 1_001, 1_500)), (first, instrument.NextBatch(500)));
        Assert.Throws<InvalidOperationException>(() =>
            Instrument.Fold(instrument, "instrument:FCT", new SerialsAssigned(Guid.NewGuid(), first, T0))
        );
    }

    [Fact]
    public void A_holding_keeps_free_and_pledged_serials_beside_its_units()
    {
        var pledge = Guid.NewGuid();
        var h = new object[]
        {
            new UnitsIssued(Guid.NewGuid(), "FCT", "farm", new Quantity(100m, "tCO2e"), T0, Serials: new SerialBlock(1, 1, 1_000)),
            new UnitsPledged(pledge, 30m, "bank", T0),
            new SerialsDebited([new SerialBlock(1, 1, 300)], null, T0),
            new SerialsCredited([new SerialBlock(1, 1, 300)], pledge, T0),
            new UnitsTransferredOut(Guid.NewGuid(), 10m, null, "plant", T0),
            new SerialsDebited([new SerialBlock(1, 301, 400)], null, T0),
        }.Aggregate((Holding?)null, (s, e) => Holding.Fold(s, "holding:farm:FCT", e))!;

        Assert.Equal((60m, 30m), (h.Available, h.Pledged));
        Assert.Equal([new SerialBlock(1, 401, 1_000)], h.FreeSerials);
        Assert.Equal([new SerialBlock(1, 1, 300)], h.SerialsPledgedUnder(pledge));

        var released = Holding.Fold(
            Holding.Fold(h, h.Id, new PledgedUnitsReleased(pledge, 30m, T0)),
            h.Id,
            new SerialsDebited([new SerialBlock(1, 1, 300)], pledge, T0)
        )!;
        released = Holding.Fold(released, h.Id, new SerialsCredited([new SerialBlock(1, 1, 300)], null, T0))!;
        Assert.Equal([new SerialBlock(1, 401, 1_000), new SerialBlock(1, 1, 300)], released.FreeSerials);
        Assert.Empty(released.SerialsPledgedUnder(pledge));
    }

    [Fact]
    public void Whereabouts_follow_each_step_and_join_neighbours()
    {
        LineageStep Step(string kind, string? from, string? to, params SerialBlock[] blocks) => new(kind, blocks, from, to, "ref", T0);
        var path = new[]
        {
            Step(SerialMovement.Issued, null, "farm", new SerialBlock(1, 1, 100)),
            Step(SerialMovement.Transferred, "farm", "plant", new SerialBlock(1, 1, 40)),
            Step(SerialMovement.Pledged, "farm", "farm", new SerialBlock(1, 41, 60)),
            Step(SerialMovement.Retired, "plant", null, new SerialBlock(1, 11, 20)),
            Step(SerialMovement.PledgeEnforced, "farm", "bank", new SerialBlock(1, 41, 60)),
            Step(SerialMovement.Settled, "plant", "farm", new SerialBlock(1, 21, 40)),
        };

        Assert.Equal(
            [
                new SerialWhereabouts(new SerialBlock(1, 1, 10), "plant", SerialMovement.Held),
                new SerialWhereabouts(new SerialBlock(1, 11, 20), "plant", SerialMovement.Retired),
                new SerialWhereabouts(new SerialBlock(1, 21, 40), "farm", SerialMovement.Held),
                new SerialWhereabouts(new SerialBlock(1, 41, 60), "bank", SerialMovement.Held),
                new SerialWhereabouts(new SerialBlock(1, 61, 100), "farm", SerialMovement.Held),
            ],
            LineageFold.Whereabouts(path)
        );
    }
}
