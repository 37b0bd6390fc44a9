using NodaTime;

// The registry's positions: account statements, positions at an instant and conservation (the accounts service). Version 1.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>Request: an account's holdings and cash, now or as of an instant.</summary>
/// <param name="AsOf">Null for now; otherwise the balances are the fold of the events recorded up to this instant.</param>
public sealed record GetAccount(string ParticipantId, Instant? AsOf);

/// <summary>Reply to <see cref="GetAccount"/>.</summary>
public sealed record AccountStatement(string ParticipantId, string Name, Instant AsOf, IReadOnlyList<HoldingLine> Holdings, CashLine Cash);

/// <summary>One position: units free to sell or transfer, and units held back for open sell orders.</summary>
/// <param name="Pledged">Units frozen for a pledgee; still held.</param>
/// <param name="Retired">Units this account has retired, for good (not held).</param>
/// <param name="Surrendered">Units this account has surrendered for compliance (not held).</param>
/// <param name="Cancelled">Units a regulator cancelled in this account (not held).</param>
/// <param name="Expired">Units that expired at the end of the right's validity (not held).</param>
/// <param name="Serials">Credits and sinks: the serial blocks of the available and reserved units, oldest first (the order they leave
/// in).</param>
/// <param name="PledgedSerials">Credits and sinks: the serial blocks of the pledged units.</param>
public sealed record HoldingLine(
    string InstrumentId,
    string Unit,
    decimal Available,
    decimal Reserved,
    decimal Pledged = 0m,
    decimal Retired = 0m,
    decimal Surrendered = 0m,
    decimal Cancelled = 0m,
    decimal Expired = 0m,
    IReadOnlyList<SerialBlock>? Serials = null,
    IReadOnlyList<SerialBlock>? PledgedSerials = null
);

/// <summary>CNY free to use, and CNY held back for open buy orders (consideration plus fee).</summary>
public sealed record CashLine(decimal Available, decimal Reserved);

/// <summary>Reply: no such participant.</summary>
public sealed record AccountNotFound(string ParticipantId);

/// <summary>Request: the registry's conservation check.</summary>
public sealed record GetConservation;

/// <summary>
/// Reply to <see cref="GetConservation"/>: per instrument, units issued against units held and gone out of circulation;
/// for cash, CNY deposited against CNY held. Balanced when every difference is zero.
/// </summary>
public sealed record ConservationReport(IReadOnlyList<InstrumentConservation> Instruments, CashConservation Cash, bool Balanced);

/// <param name="Issued">Units issued, less those withdrawn by issuance reversals.</param>
/// <param name="Held">Available, reserved and pledged, over every holding account.</param>
/// <param name="Difference">Held + retired + surrendered + cancelled + expired − issued: zero when conserved.</param>
/// <param name="Retired">Units retired for good.</param>
/// <param name="Surrendered">Units surrendered for compliance.</param>
/// <param name="Cancelled">Units cancelled by a regulator.</param>
/// <param name="Expired">Units expired at the end of their right's validity.</param>
public sealed record InstrumentConservation(
    string InstrumentId,
    string Unit,
    decimal Issued,
    decimal Held,
    decimal Difference,
    decimal Retired = 0m,
    decimal Surrendered = 0m,
    decimal Cancelled = 0m,
    decimal Expired = 0m
);

public sealed record CashConservation(decimal Deposited, decimal Held, decimal Difference);

/// <summary>
/// Request (regulator, through the gateway): positions as of <paramref name="AsOf"/> (now if null), folded from the
/// registry's events committed up to that instant and chained by the time of the query (the cut), for one participant,
/// one instrument or both.
/// </summary>
public sealed record GetPositions(string? ParticipantId, string? InstrumentId, Instant? AsOf);

/// <summary>Reply to <see cref="GetPositions"/>. Quantities in each line's unit; lines with nothing held are left out.</summary>
/// <param name="CutSequence">The accounts log's chain head the positions were folded up to.</param>
/// <param name="CutHash">The chain hash there, lowercase hex; null while the chain is empty.</param>
public sealed record PositionReport(Instant AsOf, long CutSequence, string? CutHash, IReadOnlyList<PositionLine> Positions);

/// <summary>One holding account's position in one instrument.</summary>
public sealed record PositionLine(
    string ParticipantId,
    string InstrumentId,
    string Unit,
    decimal Available,
    decimal Reserved,
    decimal Pledged = 0m
);
