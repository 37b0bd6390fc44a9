using System.ComponentModel.DataAnnotations;

namespace RightsExchange.Gateway.Input;

/// <summary>
/// A decimal field bounded by <see cref="InputLimits"/> (section <c>Gateway:Input</c>) rather than by a literal: checked
/// with the request's other validation attributes, so a value out of bounds is a 400 naming the field and its bounds.
/// The tick and the quantity step are checked later, by the service that knows the instrument.
/// </summary>
public abstract class BoundAttribute : ValidationAttribute
{
    /// <summary>The smallest value accepted, and whether it is itself accepted.</summary>
    protected abstract (decimal Value, bool Inclusive) Lowest(InputLimits limits);

    /// <summary>The largest value accepted.</summary>
    public abstract decimal Highest(InputLimits limits);

    /// <summary>The words in the error: "a quantity", "a price", "an amount".</summary>
    protected abstract string What { get; }

    /// <summary>The setting that holds the upper bound, named in the error.</summary>
    protected abstract string Setting { get; }

    /// <summary>The lower bound as the OpenAPI document shows it.</summary>
    public (decimal Value, bool Exclusive) Minimum(InputLimits limits)
    {
        var (value, inclusive) = Lowest(limits);
        return (value, !inclusive);
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext context)
    {
        if (value is not decimal number)
            return ValidationResult.Success;
        var limits = context.GetService(typeof(InputLimits)) as InputLimits ?? new InputLimits();
        var (low, inclusive) = Lowest(limits);
        var high = Highest(limits);
        var fits = (inclusive ? number >= low : number > low) && number <= high;
        if (fits)
            return ValidationResult.Success;
        var from = inclusive ? $"from {low}" : $"above {low}";
        var why = $"{context.DisplayName} must be {What} {from} and at most {high} (Gateway:Input:{Setting}); {number} is not.";
        return new ValidationResult(why, context.MemberName is { } member ? [member] : null);
    }
}

/// <summary>Units of an instrument (tCO2e, t/yr, m3/yr): above zero (or from zero with <see cref="AllowZero"/>) up to
/// <see cref="InputLimits.MaxQuantity"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class QuantityAttribute : BoundAttribute
{
    /// <summary>Zero is accepted (a verified emission of nothing).</summary>
    public bool AllowZero { get; set; }

    protected override (decimal, bool) Lowest(InputLimits limits) => (0m, AllowZero);

    public override decimal Highest(InputLimits limits) => limits.MaxQuantity;

    protected override string What => "a quantity";
    protected override string Setting => nameof(InputLimits.MaxQuantity);
}

/// <summary>A price in CNY per unit: above zero up to <see cref="InputLimits.MaxPrice"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PriceAttribute : BoundAttribute
{
    protected override (decimal, bool) Lowest(InputLimits limits) => (0m, false);

    public override decimal Highest(InputLimits limits) => limits.MaxPrice;

    protected override string What => "a price in CNY per unit";
    protected override string Setting => nameof(InputLimits.MaxPrice);
}

/// <summary>An amount of cash in CNY: above zero up to <see cref="InputLimits.MaxCashAmount"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CashAmountAttribute : BoundAttribute
{
    /// <summary>True admits zero (an amount that may be nothing, e.g. an agreement that moves units, not money).</summary>
    public bool AllowZero { get; set; }

    protected override (decimal, bool) Lowest(InputLimits limits) => (0m, AllowZero);

    public override decimal Highest(InputLimits limits) => limits.MaxCashAmount;

    protected override string What => "an amount in CNY";
    protected override string Setting => nameof(InputLimits.MaxCashAmount);
}
