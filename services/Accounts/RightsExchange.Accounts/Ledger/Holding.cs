using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Ledger;

/// <summary>
/// One participant's position in one instrument (stream <c>holding:{participant}:{instrument}</c>), in the instrument's unit.
/// Held = <see cref="Available"/> + <see cref="Reserved"/>. The state is the fold of the stream; nothing else writes it.
/// </summary>
public sealed record Holding(string Id, string ParticipantId, string InstrumentId, decimal Available, decimal Reserved) : IFold<Holding>
{
    public static string StreamPrefix => "holding:";

    public decimal Held => Available + Reserved;

    /// <summary>Folds one event. Throws <see cref="InvalidOperationException"/> for an event that does not belong to a holding.</summary>
    public static Holding? Fold(Holding? state, string streamKey, object @event)
    {
        var h = state ?? Empty(streamKey);
        return @event switch
        {
            UnitsIssued e => h with { Available = h.Available + e.Quantity.Amount },
            UnitsReserved e => h with { Available = h.Available - e.Quantity, Reserved = h.Reserved + e.Quantity },
            UnitsReleased e => h with { Available = h.Available + e.Quantity, Reserved = h.Reserved - e.Quantity },
            UnitsDelivered e => h with { Reserved = h.Reserved - e.Quantity },
            UnitsReceived e => h with { Available = h.Available + e.Quantity },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} is not a holding event"),
        };
    }

    private static Holding Empty(string streamKey)
    {
        var parts = streamKey.Split(':', 3);
        return new Holding(streamKey, parts[1], parts[2], 0m, 0m);
    }
}
