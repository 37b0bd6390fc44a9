namespace RightsExchange.Contracts.Values;

/// <summary>Side of an order or of a participant in a trade.</summary>
public enum Side
{
    Buy,
    Sell,
}

/// <summary>The classes of environmental right this exchange carries (market-rules.md, "Rights traded").</summary>
public enum InstrumentClass
{
    /// <summary>Carbon emission allowance (CEA), by compliance year.</summary>
    Allowance,
    /// <summary>Certified voluntary emission reduction (CCER).</summary>
    Ccer,
    /// <summary>Forestry carbon sink or provincial carbon ticket.</summary>
    ForestrySink,
    /// <summary>Pollutant-discharge right in tonnes per year of one pollutant, bound to a region.</summary>
    PollutantRight,
    /// <summary>Water-use right in m³ per year, bound to a basin.</summary>
    WaterRight,
    /// <summary>Biodiversity credit.</summary>
    BiodiversityCredit,
}

/// <summary>Kinds of participant known to the registry.</summary>
public enum ParticipantKind
{
    ComplianceEntity,
    Enterprise,
    Investor,
    GovernmentReserve,
    Government,
    Bank,
    Exchange,
}
