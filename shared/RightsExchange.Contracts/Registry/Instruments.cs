using NodaTime;
using RightsExchange.Contracts.Values;

// The registry's instruments: one right, one vintage or validity period, one region (the accounts service). Version 1.
// Commands are answered RegistryCommandAccepted or RegistryCommandRejected (RegistryAnswers.cs).
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>
/// Request: list an instrument (one right, one vintage or validity period, one region). Regulator only.
/// </summary>
/// <param name="InstrumentId">e.g. <c>CEA-2024</c>.</param>
/// <param name="Unit">Unit symbol, e.g. <c>tCO2e</c>, <c>t/yr</c>, <c>m3/yr</c>.</param>
/// <param name="QuantityStep">Smallest tradable increment in <paramref name="Unit"/> (1 t for CEA, 0.1 t for sinks, 0.001 t for
/// pollutants).</param>
/// <param name="Vintage">Compliance year or vintage, when the right has one.</param>
/// <param name="ValidFrom">First day of validity (Asia/Shanghai calendar date), when the right has a validity period.</param>
/// <param name="ValidTo">Last day of validity, inclusive.</param>
/// <param name="Region">Region or river basin the right is bound to, e.g. <c>CN</c>, <c>CN-YRD</c>, <c>Dongjiang</c>.</param>
/// <param name="TradingProfile">Name of the matching service's trading-rules profile (tick, limits, sizes) that applies.</param>
/// <param name="ReferencePrice">Reference price (CNY per unit) the daily price limits are computed from; null for none.</param>
/// <param name="SellableSameDay">
/// False where units bought on a trading day may not be sold until the next (the national carbon market's rule for
/// allowances); accounts then leaves them out of what a sell order can reserve.
/// </param>
/// <param name="ComplianceShare">
/// Whether the right may be surrendered for compliance, and up to what share of an entity's verified emissions: null
/// for not at all, 1 for allowances, 0.05 for CCER on the national market (market-rules.md, "Offsets").
/// </param>
/// <param name="Pollutant">The pollutant of a pollutant-discharge right: required for that class, absent for the others.</param>
/// <param name="WaterSource">Surface or ground water, for a water-use right: required for that class, absent for the others.</param>
/// <param name="Biodiversity">What a biodiversity credit is of and where it was generated: required for that class,
/// absent for the others.</param>
/// <param name="Retail">
/// Sold to the public from retail offers as well, in the retail quantity step of <c>Retail:QuantityStep</c> (0.001 by
/// default); the listing records that step, and a serialized right then carries one serial per retail step.
/// </param>
public sealed record ListInstrument(
    string InstrumentId,
    string Name,
    InstrumentClass Class,
    string Unit,
    decimal QuantityStep,
    int? Vintage,
    LocalDate? ValidFrom,
    LocalDate? ValidTo,
    string Region,
    string TradingProfile,
    decimal? ReferencePrice,
    string RequestedBy,
    bool SellableSameDay = true,
    decimal? ComplianceShare = null,
    Pollutant? Pollutant = null,
    WaterSource? WaterSource = null,
    Biodiversity.V1.BiodiversityCreditType? Biodiversity = null,
    bool Retail = false
);

/// <summary>Event: an instrument was listed; matching opens a book for it. The fields are those of <see cref="ListInstrument"/>.</summary>
/// <param name="RetailStep">
/// For a right sold to the public too, the retail quantity step it was listed with (a divisor of
/// <paramref name="QuantityStep"/>, in its unit); a serialized right then carries one serial per retail step. Null otherwise.
/// </param>
public sealed record InstrumentListed(
    string InstrumentId,
    string Name,
    InstrumentClass Class,
    string Unit,
    decimal QuantityStep,
    int? Vintage,
    LocalDate? ValidFrom,
    LocalDate? ValidTo,
    string Region,
    string TradingProfile,
    decimal? ReferencePrice,
    Instant ListedAt,
    bool SellableSameDay = true,
    decimal? ComplianceShare = null,
    Pollutant? Pollutant = null,
    WaterSource? WaterSource = null,
    Biodiversity.V1.BiodiversityCreditType? Biodiversity = null,
    decimal? RetailStep = null
);
