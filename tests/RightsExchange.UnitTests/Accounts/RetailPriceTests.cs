using CsCheck;
using NodaTime;
using RightsExchange.Accounts.Retail;
using RightsExchange.Contracts.Retail.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.UnitTests.Accounts;

/// <summary>Pricing a retail purchase by amount, the retail fee row, and the yearly spending an individual's limit counts.</summary>
public sealed class RetailPriceTests
{
    private static readonly RetailFeeRow Fees = new(BuyerBasisPoints: 20m, SellerBasisPoints: 30m, ZeroBelow: 100m);

    // Amounts 0.01 to 1,000.00 CNY, prices 0.01 to 500.00 CNY per unit, steps 0.001, 0.01 or 0.1.
    private static readonly Gen<(decimal Amount, decimal Price, decimal Step)> Purchases = Gen.Select(
            Gen.Int[1, 100_000],
            Gen.Int[1, 50_000],
            Gen.Int[0, 2]
        )
        .Select((fen, priceFen, s) => (fen / 100m, priceFen / 100m, new[] { 0.001m, 0.01m, 0.1m }[s]));

    [Fact]
    public void The_buyer_gets_the_most_whole_steps_the_amount_pays_for_and_never_pays_more_than_the_amount()
    {
        Purchases.Sample(
            (amount, price, step) =>
            {
                var bought = RetailPrice.For(amount, price, step, Fees);
                var oneMore = (bought?.Quantity ?? 0m) + step;
                var consideration = Money.RoundCny(oneMore * price);
                var oneMoreFits = consideration + Fees.BuyerFee(consideration) <= amount;
                if (bought is not { } b)
                    return !oneMoreFits;
                return b.Quantity % step == 0
                    && b.Quantity > 0
                    && b.Paid <= amount
                    && !oneMoreFits
                    && b.Consideration == Money.RoundCny(b.Quantity * price)
                    && b.BuyerFee == Fees.BuyerFee(b.Consideration);
            }
        );
    }

    [Fact]
    public void One_yuan_buys_ten_kilograms_of_a_sink_at_95_CNY_a_tonne_for_95_fen()
    {
        Assert.Equal(new RetailPrice(0.010m, 0.95m, 0m), RetailPrice.For(1.00m, 95.00m, 0.001m, Fees));
        Assert.Null(RetailPrice.For(0.05m, 95.00m, 0.001m, Fees));
    }

    [Fact]
    public void The_retail_row_charges_nothing_below_its_threshold_and_basis_points_from_it()
    {
        Assert.Equal((0m, 0m), (Fees.BuyerFee(99.99m), Fees.SellerFee(99.99m)));
        Assert.Equal((0.20m, 0.30m), (Fees.BuyerFee(100.00m), Fees.SellerFee(100.00m)));
        Assert.Equal(3.00m, Fees.SellerFee(999.97m));
    }

    [Fact]
    public void Spending_adds_up_within_a_calendar_year_and_starts_again_in_the_next()
    {
        var at = Instant.FromUtc(2025, 6, 1, 0, 0);
        var state = RetailBuyer.Fold(null, "retail-buyer:ind-1", new RetailSpendingRecorded(Guid.NewGuid(), 600m, 2025, at));
        state = RetailBuyer.Fold(state, "retail-buyer:ind-1", new RetailSpendingRecorded(Guid.NewGuid(), 300m, 2025, at));
        Assert.Equal((900m, 0m), (state!.SpentIn(2025), state.SpentIn(2026)));
        state = RetailBuyer.Fold(state, "retail-buyer:ind-1", new RetailSpendingRecorded(Guid.NewGuid(), 50m, 2026, at));
        Assert.Equal((0m, 50m), (state!.SpentIn(2025), state.SpentIn(2026)));
    }
}
