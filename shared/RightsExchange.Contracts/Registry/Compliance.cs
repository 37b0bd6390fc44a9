using NodaTime;
using RightsExchange.Contracts.Values;

// Compliance: verified emissions, surrender and compliance status. Version 1.
// Stream compliance:{participantId}:{period} holds the obligation (verified emissions, or an ecosystem-indicator shortfall)
// and every surrender against it.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>
/// Request: record a compliance entity's verified emissions for a compliance period (regulator). Rejected:
/// PARTICIPANT_UNKNOWN, INVALID_EMISSIONS, ALREADY_VERIFIED.
/// </summary>
/// <param name="Period">The compliance year, e.g. 2024.</param>
/// <param name="Emissions">tCO2e, verified by a third party; not negative.</param>
/// <param name="Deadline">
/// The last day to surrender (Asia/Shanghai, inclusive); when absent, the registry's configured default
/// (<c>Registry:ComplianceDeadline*</c>: 31 December of the following year, the national market's cycle).
/// </param>
public sealed record RecordVerifiedEmissions(string ParticipantId, int Period, decimal Emissions, LocalDate? Deadline, string RequestedBy);

/// <summary>Event: verified emissions recorded for a period.</summary>
public sealed record VerifiedEmissionsRecorded(
    string ParticipantId,
    int Period,
    decimal Emissions,
    LocalDate Deadline,
    string RecordedBy,
    Instant RecordedAt
);

/// <summary>
/// Request: surrender units against a period's verified emissions (a trader for the entity, or a regulator). Surrendered
/// units leave circulation. Rejected: PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, ACCOUNT_FROZEN, EMISSIONS_NOT_VERIFIED,
/// NOT_ELIGIBLE (the instrument has no compliance share, is an ecosystem indicator against emissions, or is not the
/// instrument an indicator shortfall names), VINTAGE_NOT_ELIGIBLE (a vintage after the period),
/// INVALID_QUANTITY, INSUFFICIENT_UNITS, OFFSET_LIMIT (offsets beyond their share of the emissions),
/// EXCEEDS_OBLIGATION (more than the emissions still uncovered), and for a named batch NOT_SERIALIZED or
/// INSUFFICIENT_BATCH_UNITS.
/// </summary>
/// <param name="Batch">For credits (CCER), the issuance batch to surrender from; first in, first out when null.</param>
public sealed record SurrenderUnits(
    Guid SurrenderId,
    string ParticipantId,
    int Period,
    string InstrumentId,
    decimal Quantity,
    string RequestedBy,
    int? Batch = null
);

/// <summary>Event (stream <c>compliance:{participantId}:{period}</c>): units surrendered for the period.</summary>
/// <param name="IsOffset">True for an instrument whose compliance share is below 1 (CCER and the like).</param>
public sealed record UnitsSurrendered(
    Guid SurrenderId,
    string ParticipantId,
    int Period,
    string InstrumentId,
    Quantity Quantity,
    bool IsOffset,
    Instant SurrenderedAt
);

/// <summary>Request: an entity's compliance status for a period.</summary>
public sealed record GetComplianceStatus(string ParticipantId, int Period);

/// <summary>The compliance states, computed from events against the deadline (Asia/Shanghai).</summary>
public static class ComplianceState
{
    /// <summary>No verified emissions recorded yet.</summary>
    public const string NotVerified = "NotVerified";

    /// <summary>Not yet covered, and the deadline has not passed.</summary>
    public const string NotYetDue = "NotYetDue";

    /// <summary>Covered by the deadline.</summary>
    public const string Compliant = "Compliant";

    /// <summary>The deadline passed with emissions uncovered.</summary>
    public const string SurrenderedShort = "SurrenderedShort";

    /// <summary>Covered, but only after the deadline.</summary>
    public const string Late = "Late";
}

/// <summary>
/// Event (stream <c>compliance:{participantId}:{period}</c>): an assessment found a government short of its ecosystem-
/// indicator target (Beijing GEP-R, <c>IndicatorTarget/1</c>): it owes <paramref name="Shortfall"/> units of
/// <paramref name="InstrumentId"/>, acquired from those above their targets, surrendered by <paramref name="Deadline"/>
/// (Asia/Shanghai, inclusive) like verified emissions. Only that instrument covers it.
/// </summary>
public sealed record IndicatorShortfallRecorded(
    string ParticipantId,
    int Period,
    string InstrumentId,
    Quantity Shortfall,
    LocalDate Deadline,
    Guid AgreementId,
    Instant RecordedAt
);

/// <summary>Reply to <see cref="GetComplianceStatus"/>.</summary>
/// <param name="Emissions">
/// tCO2e, or null when not verified; for an ecosystem-indicator shortfall, the shortfall in the units of
/// <paramref name="ObligationInstrument"/>.
/// </param>
/// <param name="Surrendered">tCO2e surrendered, allowances and offsets together.</param>
/// <param name="Offsets">tCO2e of it in offsets.</param>
/// <param name="Outstanding">tCO2e still to surrender.</param>
/// <param name="Status">One of <see cref="ComplianceState"/>.</param>
/// <param name="ObligationInstrument">For an ecosystem-indicator shortfall, the only instrument that covers it; else null.</param>
public sealed record ComplianceStatus(
    string ParticipantId,
    int Period,
    decimal? Emissions,
    decimal Surrendered,
    decimal Offsets,
    decimal Outstanding,
    LocalDate? Deadline,
    string Status,
    IReadOnlyList<UnitsSurrendered> Surrenders,
    Instant AsOf,
    string? ObligationInstrument = null
);
