namespace RightsExchange.Contracts.Values;

/// <summary>Side of an order or of a participant in a trade.</summary>
public enum Side
{
    Buy,
    Sell,
}

/// <summary>
/// The pollutant a pollutant-discharge right is for, in tonnes per year (market-rules.md, "Rights traded"). Water
/// pollutants move within their river basin, air pollutants within their city (Hubei's rule), as the instrument's
/// region says.
/// </summary>
public enum Pollutant
{
    /// <summary>Chemical oxygen demand (water).</summary>
    COD,

    /// <summary>Ammonia nitrogen, NH3-N (water).</summary>
    AmmoniaNitrogen,

    /// <summary>Total phosphorus (water).</summary>
    TotalPhosphorus,

    /// <summary>Total nitrogen (water).</summary>
    TotalNitrogen,

    /// <summary>Sulphur dioxide (air).</summary>
    SO2,

    /// <summary>Nitrogen oxides (air).</summary>
    NOx,

    /// <summary>Volatile organic compounds (air).</summary>
    VOCs,

    /// <summary>Particulate matter (air).</summary>
    ParticulateMatter,
}

/// <summary>Where a water-use right draws from.</summary>
public enum WaterSource
{
    Surface,
    Ground,
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

    /// <summary>
    /// Units of an ecosystem-value indicator exchanged between governments, e.g. Beijing's GEP-R (regulating ecosystem
    /// value) in 100 million CNY: issued from a district's assessed surplus over its target and surrendered against
    /// another's shortfall (<c>IndicatorTarget/1</c> compensation agreements).
    /// </summary>
    EcosystemIndicator,
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

    /// <summary>An authorised monitoring body: records the measurements ecological compensation agreements are assessed on.</summary>
    MonitoringBody,

    /// <summary>
    /// A member of the public who signed up through the identity provider: buys from retail offers within the limits of
    /// <c>Retail</c> in market.json, and every purchase is retired at once, so the account never holds units to resell.
    /// </summary>
    Individual,
}
