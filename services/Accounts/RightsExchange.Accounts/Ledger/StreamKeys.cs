namespace RightsExchange.Accounts.Ledger;

/// <summary>The registry's stream keys: readable by an auditor, one stream per thing that has a balance or a life.</summary>
public static class StreamKeys
{
    public static string Participant(string participantId) => Ledger.Participant.StreamPrefix + participantId;

    public static string Instrument(string instrumentId) => Ledger.Instrument.StreamPrefix + instrumentId;

    public static string Holding(string participantId, string instrumentId) =>
        $"{Ledger.Holding.StreamPrefix}{participantId}:{instrumentId}";

    /// <summary>The participant and instrument of a <c>holding:{participant}:{instrument}</c> key.</summary>
    public static (string ParticipantId, string InstrumentId) OfHolding(string holdingKey) =>
        holdingKey.Split(':', 3) is [_, var participant, var instrument]
            ? (participant, instrument)
            : throw new ArgumentException($"'{holdingKey}' is not a holding key.");

    public static string Cash(string participantId) => CashAccount.StreamPrefix + participantId;

    public static string Order(Guid orderId) => $"{OrderReservation.StreamPrefix}{orderId}";

    public static string Settlement(string settlementId) => SettlementRecord.StreamPrefix + settlementId;

    public static string CrossRegion(string participantId, string instrumentId) =>
        $"{CrossRegionPermit.StreamPrefix}{participantId}:{instrumentId}";
}
