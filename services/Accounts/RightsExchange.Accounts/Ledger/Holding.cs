using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Ledger;

/// <summary>
/// One participant's position in one instrument (stream <c>holding:{participant}:{instrument}</c>), in the instrument's unit.
/// Held = <see cref="Available"/> + <see cref="Reserved"/> (for open sell orders and retail offers) + <see cref="Pledged"/> (frozen for a
/// pledgee). Retired, surrendered, cancelled and expired units have left the holding. The state is the fold of the stream; nothing else
/// writes it.
/// <see cref="LastPurchaseDate"/> and <see cref="BoughtOnLastPurchaseDate"/> track units bought on the latest trading
/// date (Asia/Shanghai) with a purchase, for instruments that may not be sold the day they are bought.
/// For credits and sinks, <see cref="Serials"/> are the serial blocks of the available and reserved units, oldest first,
/// and <see cref="PledgedSerials"/> those of the pledged units, by pledge.
/// </summary>
public sealed record Holding(
    string Id,
    string ParticipantId,
    string InstrumentId,
    decimal Available,
    decimal Reserved,
    LocalDate? LastPurchaseDate = null,
    decimal BoughtOnLastPurchaseDate = 0m,
    decimal Pledged = 0m,
    decimal Retired = 0m,
    decimal Surrendered = 0m,
    decimal Cancelled = 0m,
    decimal Expired = 0m,
    IReadOnlyList<SerialBlock>? Serials = null,
    IReadOnlyList<PledgedSerials>? PledgedSerials = null
) : IFold<Holding>
{
    public static string StreamPrefix => "holding:";

    /// <summary>The serial blocks of the available and reserved units, oldest first (empty for an instrument without serials).</summary>
    public IReadOnlyList<SerialBlock> FreeSerials => Serials ?? [];

    /// <summary>
    /// The serial blocks pledged under <paramref name="pledgeId"/> (a forward pledge gets a list of them at each
    /// arrival).
    /// </summary>
    public IReadOnlyList<SerialBlock> SerialsPledgedUnder(Guid pledgeId) =>
        [.. (PledgedSerials ?? []).Where(p => p.PledgeId == pledgeId).SelectMany(p => p.Blocks)];

    public decimal Held => Available + Reserved + Pledged;

    /// <summary>
    /// What a sell order placed at <paramref name="at"/> may reserve: everything available, less (when
    /// <paramref name="sellableSameDay"/> is false) what was bought on that trading date.
    /// </summary>
    public decimal SellableAt(Instant at, bool sellableSameDay) =>
        sellableSameDay || LastPurchaseDate != MarketTime.TradingDateOf(at)
            ? Available
            : Math.Max(0m, Available - BoughtOnLastPurchaseDate);

    /// <summary>Folds one event. Throws <see cref="InvalidOperationException"/> for an event that does not belong to a holding.</summary>
    public static Holding? Fold(Holding? state, string streamKey, object @event)
    {
        var h = state ?? Empty(streamKey);
        return @event switch
        {
            UnitsIssued e => h with
            {
                Available = h.Available + e.Quantity.Amount,
                Serials = e.Serials is { } issued ? SerialPool.Add(h.FreeSerials, [issued]) : h.Serials,
            },
            UnitsReserved e => h with { Available = h.Available - e.Quantity, Reserved = h.Reserved + e.Quantity },
            UnitsReleased e => h with { Available = h.Available + e.Quantity, Reserved = h.Reserved - e.Quantity },
            UnitsDelivered e => h with { Reserved = h.Reserved - e.Quantity },
            Retail.UnitsReservedForOffer e => h with { Available = h.Available - e.Quantity, Reserved = h.Reserved + e.Quantity },
            Retail.OfferUnitsReleased e => h with { Available = h.Available + e.Quantity, Reserved = h.Reserved - e.Quantity },
            Retail.RetailUnitsDelivered e => h with { Reserved = h.Reserved - e.Quantity },
            Retail.RetailUnitsReceived e => h with { Available = h.Available + e.Quantity },
            UnitsReceived e when MarketTime.TradingDateOf(e.At) == h.LastPurchaseDate => h with
            {
                Available = h.Available + e.Quantity,
                BoughtOnLastPurchaseDate = h.BoughtOnLastPurchaseDate + e.Quantity,
            },
            UnitsReceived e => h with
            {
                Available = h.Available + e.Quantity,
                LastPurchaseDate = MarketTime.TradingDateOf(e.At),
                BoughtOnLastPurchaseDate = e.Quantity,
            },
            UnitsTransferredOut e => h with { Available = h.Available - e.Quantity },
            UnitsTransferredIn e => h with { Available = h.Available + e.Quantity },
            UnitsRetired e => h with { Available = h.Available - e.Quantity, Retired = h.Retired + e.Quantity },
            UnitsSurrenderedFromHolding e => h with { Available = h.Available - e.Quantity, Surrendered = h.Surrendered + e.Quantity },
            UnitsCancelledFromHolding e => h with { Available = h.Available - e.Quantity, Cancelled = h.Cancelled + e.Quantity },
            UnitsExpiredFromHolding e => h with { Available = h.Available - e.Quantity, Expired = h.Expired + e.Quantity },
            UnitsWithdrawnOnReversal e => h with { Available = h.Available - e.Quantity },
            UnitsPledged e => h with { Available = h.Available - e.Quantity, Pledged = h.Pledged + e.Quantity },
            PledgedUnitsReleased e => h with { Available = h.Available + e.Quantity, Pledged = h.Pledged - e.Quantity },
            PledgedUnitsEnforced e => h with { Pledged = h.Pledged - e.Quantity },
            UnitsReceivedOnEnforcement e => h with { Available = h.Available + e.Quantity },
            SerialsDebited { PledgeId: null } e => h with { Serials = SerialPool.Remove(h.FreeSerials, e.Blocks) },
            SerialsDebited e => h with { PledgedSerials = (h.PledgedSerials ?? []).Where(p => p.PledgeId != e.PledgeId).ToList() },
            SerialsCredited { PledgeId: null } e => h with { Serials = SerialPool.Add(h.FreeSerials, e.Blocks) },
            SerialsCredited e => h with { PledgedSerials = [.. h.PledgedSerials ?? [], new PledgedSerials(e.PledgeId!.Value, e.Blocks)] },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} is not a holding event"),
        };
    }

    private static Holding Empty(string streamKey)
    {
        var (participantId, instrumentId) = StreamKeys.OfHolding(streamKey);
        return new Holding(streamKey, participantId, instrumentId, 0m, 0m);
    }
}

/// <summary>The serial blocks pledged under one pledge.</summary>
public sealed record PledgedSerials(Guid PledgeId, IReadOnlyList<SerialBlock> Blocks);
