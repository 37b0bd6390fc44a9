namespace RightsExchange.Accounts.Retail;

/// <summary>
/// Retail sales to the public (section <c>Retail</c> in market.json). The amounts follow the "one-yuan carbon sink"
/// programmes of the source reports: purchases of a yuan or so by anyone, capped per purchase and per year because an
/// individual's account is verified only through the identity provider.
/// </summary>
public sealed class RetailSettings
{
    /// <summary>
    /// The retail quantity step recorded on a right listed for retail, in its unit (0.001 t: one yuan buys about 0.01 t
    /// of a sink at 95 CNY/t); it divides the right's own quantity step.
    /// </summary>
    public decimal QuantityStep { get; set; } = 0.001m;

    /// <summary>CNY an individual may pay in one purchase at most.</summary>
    public decimal MaxAmountPerPurchase { get; set; } = 1_000m;

    /// <summary>CNY an individual may pay in retail purchases in one calendar year (Asia/Shanghai) at most.</summary>
    public decimal MaxAmountPerYear { get; set; } = 10_000m;
}
