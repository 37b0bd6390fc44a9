using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Orders;

namespace RightsExchange.UnitTests.Gateway;

/// <summary>Quantity and price bounds come from <c>Gateway:Input</c>, not from literals in the request types.</summary>
public sealed class BoundAttributeTests
{
    private static readonly InputLimits Limits = new() { MaxQuantity = 1_000m, MaxPrice = 500m };

    [Theory]
    [InlineData(1_000, 500, true)]
    [InlineData(1_000.000001, 500, false)]
    [InlineData(0, 500, false)]
    [InlineData(-1, 500, false)]
    [InlineData(10, 500.01, false)]
    [InlineData(10, 0, false)]
    public void An_order_is_inside_the_configured_bounds_or_refused_naming_them(decimal quantity, decimal price, bool accepted)
    {
        var order = new PlaceOrderRequest("c-1", "CEA-2024", Side.Buy, quantity, price, null, null);
        var errors = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(order, Context(order), errors, validateAllProperties: true);

        Assert.Equal(accepted, valid);
        if (!accepted)
            Assert.Contains(errors, e => e.ErrorMessage!.Contains("(Gateway:Input:Max", StringComparison.Ordinal));
    }

    [Fact]
    public void Zero_is_a_quantity_only_where_the_field_allows_it()
    {
        var limits = new InputLimits();
        var emissions = new QuantityAttribute { AllowZero = true };
        var traded = new QuantityAttribute();

        Assert.Equal((0m, false), emissions.Minimum(limits));
        Assert.Equal((0m, true), traded.Minimum(limits));
        Assert.Equal(limits.MaxQuantity, traded.Highest(limits));
    }

    private static ValidationContext Context(object instance) =>
        new(instance, new ServiceCollection().AddSingleton(Limits).BuildServiceProvider(), null);
}
