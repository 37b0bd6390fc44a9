using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Accounts.Ledger;

/// <summary>The checks registry transactions share; each returns the rejection, or null when the check passes.</summary>
public static class RegistryChecks
{
    /// <summary>PARTICIPANT_UNKNOWN, PARTICIPANT_NOT_ACTIVE (pending or suspended) or ACCOUNT_FROZEN.</summary>
    public static RegistryCommandRejected? Active(Participant? participant, string participantId) =>
        NotActive(participant, participantId) is (string reason, string detail) ? new(reason, detail) : null;

    /// <summary>The reason and detail when <paramref name="participant"/> may not move units, or null.</summary>
    public static (string Reason, string Detail)? NotActive(Participant? participant, string participantId) =>
        participant is null ? (ReasonCodes.ParticipantUnknown, $"No participant '{participantId}'.")
        : participant.Status != ParticipantStatus.Active
            ? (ReasonCodes.ParticipantNotActive, $"Participant '{participantId}' is {participant.Status}.")
        : participant.Frozen ? (ReasonCodes.AccountFrozen, $"Participant '{participantId}' is frozen: {participant.FrozenReason}")
        : null;

    /// <summary>True for a positive amount in CNY with no more precision than 0.01 (a fen): a price, charge or payment as agreed.</summary>
    public static bool IsCnyAmount(Contracts.Values.Money money) =>
        money.Currency == Contracts.Values.Money.Cny && money.Amount > 0m && money.Amount == Contracts.Values.Money.RoundCny(money.Amount);

    /// <summary>INVALID_QUANTITY: not positive, or not a multiple of the instrument's quantity step.</summary>
    public static RegistryCommandRejected? Quantity(InstrumentListed instrument, decimal quantity) =>
        Quantities.IsValid(quantity, instrument.QuantityStep)
            ? null
            : new(ReasonCodes.InvalidQuantity, $"Quantity must be positive and a multiple of {instrument.QuantityStep} {instrument.Unit}.");

    /// <summary>
    /// Whether <paramref name="quantity"/> units may leave <paramref name="holding"/> (a transfer, retirement, pledge,
    /// cancellation or surrender; <paramref name="verb"/> names it in the detail, e.g. "Retiring"): INVALID_QUANTITY,
    /// INSUFFICIENT_UNITS, and for a named <paramref name="batch"/> NOT_SERIALIZED or INSUFFICIENT_BATCH_UNITS; null when
    /// they may.
    /// </summary>
    public static RegistryCommandRejected? Outgoing(
        LedgerCommit ledger,
        InstrumentListed instrument,
        Holding? holding,
        decimal quantity,
        int? batch,
        string verb
    ) =>
        Quantity(instrument, quantity)
        ?? Available(holding, instrument, quantity, verb)
        ?? Serials.CheckBatch(ledger, instrument, holding, quantity, batch);

    /// <summary>INSUFFICIENT_UNITS: fewer than <paramref name="quantity"/> available to <paramref name="verb"/> (e.g.
    /// "Retiring").</summary>
    public static RegistryCommandRejected? Available(Holding? holding, InstrumentListed instrument, decimal quantity, string verb)
    {
        var available = holding?.Available ?? 0m;
        return available >= quantity
            ? null
            : new(
                ReasonCodes.InsufficientUnits,
                $"{verb} {quantity} {instrument.Unit} needs that many available; {available} {instrument.Unit} are."
            );
    }
}
