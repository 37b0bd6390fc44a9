namespace RightsExchange.Matching.Engine;

/// <summary>
/// A trading-rules profile (configuration section <c>Trading:Profiles:{name}</c>); an instrument names its profile when listed.
/// Defaults for the national carbon market come from the national ETS trading rules (2021): tick 0.01 CNY,
/// step 1 t, listing orders below 100,000 t, daily limits ±10% of the previous close for listing trades.
/// </summary>
public sealed record TradingRules
{
    /// <summary>Price increment, CNY per unit.</summary>
    public decimal TickSize { get; init; } = 0.01m;

    /// <summary>Quantity increment for orders in the instrument's unit; null means the instrument's quantity step.</summary>
    public decimal? LotSize { get; init; }

    /// <summary>Smallest order quantity, in the instrument's unit; null for none.</summary>
    public decimal? MinimumQuantity { get; init; }

    /// <summary>Largest order quantity, in the instrument's unit; null for none.</summary>
    public decimal? MaximumQuantity { get; init; }

    /// <summary>Daily price limit, in percent either side of the reference price; null for none.</summary>
    public decimal? PriceLimitPercent { get; init; }
}

/// <summary>The <c>Trading</c> configuration section.</summary>
public sealed class TradingOptions
{
    /// <summary>Profile used when an instrument names one that is not configured.</summary>
    public const string DefaultProfile = "default";

    public Dictionary<string, TradingRules> Profiles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public TradingRules For(string profile) =>
        Profiles.TryGetValue(profile, out var rules) ? rules
        : Profiles.TryGetValue(DefaultProfile, out var fallback) ? fallback
        : new TradingRules();
}
