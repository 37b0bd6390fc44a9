namespace RightsExchange.Matching.Engine;

/// <summary>What the engine does when an incoming order would trade with a resting order of the same participant.</summary>
public enum SelfTradePrevention
{
    /// <summary>The incoming order stops there; what is left of it is cancelled (SELF_TRADE_PREVENTED).</summary>
    CancelIncoming,

    /// <summary>The resting order is cancelled (SELF_TRADE_PREVENTED) and matching goes on.</summary>
    CancelResting,
}

/// <summary>How a trading day's closing price, the next day's reference price, is computed.</summary>
public enum CloseRule
{
    /// <summary>
    /// Volume-weighted average price of the day's listing trades, rounded half up to the tick; the previous close when
    /// nothing traded. National carbon market (Shanghai Environment and Energy Exchange business rules for carbon
    /// emission trading, 2021: 挂牌协议交易的收盘价为当日挂牌协议交易所有成交的加权平均价).
    /// </summary>
    Vwap,

    /// <summary>The price of the day's last listing trade.</summary>
    LastTrade,
}

/// <summary>
/// A trading-rules profile (configuration section <c>Trading:Profiles:{name}</c>); an instrument names its profile when listed.
/// Defaults for the national carbon market come from the national ETS trading rules (2021): tick 0.01 CNY,
/// step 1 t, listing orders below 100,000 t, daily limits ±10% of the previous close for listing trades and ±30% for
/// block trades, block trades of at least 100,000 t.
/// </summary>
public sealed record TradingRules
{
    /// <summary>Price increment, CNY per unit.</summary>
    public decimal TickSize { get; init; } = 0.01m;

    /// <summary>Quantity increment for orders in the instrument's unit; null means the instrument's quantity step.</summary>
    public decimal? LotSize { get; init; }

    /// <summary>Smallest listing order quantity, in the instrument's unit; null for none.</summary>
    public decimal? MinimumQuantity { get; init; }

    /// <summary>Largest listing order quantity, in the instrument's unit; null for none.</summary>
    public decimal? MaximumQuantity { get; init; }

    /// <summary>Daily price limit for listing orders, in percent either side of the reference price; null for none.</summary>
    public decimal? PriceLimitPercent { get; init; }

    /// <summary>Daily price limit for block trades, in percent either side of the reference price; null for none.</summary>
    public decimal? BlockPriceLimitPercent { get; init; }

    /// <summary>Smallest block trade, in the instrument's unit; null for none.</summary>
    public decimal? BlockMinimumQuantity { get; init; }

    /// <summary>How the day's close (the next reference price) is computed.</summary>
    public CloseRule CloseRule { get; init; } = CloseRule.Vwap;

    /// <summary>What happens when a participant's orders would trade with each other. Chinese carbon exchanges forbid
    /// self-trades.</summary>
    public SelfTradePrevention SelfTradePrevention { get; init; } = SelfTradePrevention.CancelIncoming;

    /// <summary>Trading days and sessions; see <see cref="TradingCalendar"/>.</summary>
    public TradingCalendar Calendar { get; init; } = new();
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
