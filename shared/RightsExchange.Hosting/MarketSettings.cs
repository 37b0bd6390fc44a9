using RightsExchange.Contracts.Settlement.V1;

namespace RightsExchange.Hosting;

/// <summary>
/// Market-wide settings from <c>market.json</c> (overridable by environment, e.g. <c>FeeSchedule__BuyerBasisPoints</c>).
/// </summary>
public sealed class ExchangeSettings
{
    /// <summary>The participant id of the exchange's own cash account, where fees are collected.</summary>
    public string FeeAccountId { get; set; } = "exchange";
}

/// <summary>Binds the <c>FeeSchedule</c> section.</summary>
public sealed class FeeScheduleSettings
{
    public string Name { get; set; } = "standard";
    public decimal BuyerBasisPoints { get; set; }
    public decimal SellerBasisPoints { get; set; }

    /// <summary>CNY per side of each trade; 0 is no minimum.</summary>
    public decimal MinimumPerTrade { get; set; }

    /// <summary>The retail row: purchases from retail offers (<c>FeeSchedule:Retail</c>).</summary>
    public RetailFeeSettings Retail { get; set; } = new();

    public FeeSchedule ToSchedule() => new(Name, BuyerBasisPoints, SellerBasisPoints, MinimumPerTrade);
}

/// <summary>
/// Binds <c>FeeSchedule:Retail</c>: basis points per side on a retail purchase, none below <see cref="ZeroBelow"/> CNY
/// of consideration (<see cref="Contracts.Retail.V1.RetailFeeRow"/>).
/// </summary>
public sealed class RetailFeeSettings
{
    public decimal BuyerBasisPoints { get; set; }
    public decimal SellerBasisPoints { get; set; }
    public decimal ZeroBelow { get; set; }

    public Contracts.Retail.V1.RetailFeeRow ToRow() => new(BuyerBasisPoints, SellerBasisPoints, ZeroBelow);
}
