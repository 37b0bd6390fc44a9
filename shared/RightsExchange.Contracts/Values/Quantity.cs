namespace RightsExchange.Contracts.Values;

/// <summary>
/// An amount of a right in the instrument's unit: <c>tCO2e</c> for allowances, credits and sinks,
/// <c>t/yr</c> for a pollutant-discharge right, <c>m3/yr</c> for a water-use right.
/// </summary>
/// <param name="Amount">Non-negative for a holding; a multiple of the instrument's quantity step for an order.</param>
/// <param name="Unit">The instrument's unit symbol, as listed.</param>
public readonly record struct Quantity(decimal Amount, string Unit)
{
    public override string ToString() => $"{Amount:0.###} {Unit}";
}

/// <summary>Money in a currency; every amount on this exchange is CNY, kept to 0.01.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public const string Cny = "CNY";

    public static Money InCny(decimal amount) => new(amount, Cny);

    /// <summary>Rounds half up (away from zero) to 0.01, the rounding Chinese exchanges use for consideration and fees.</summary>
    public static decimal RoundCny(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public override string ToString() => $"{Amount:0.00} {Currency}";
}
