using NodaTime;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Settlement.Settlements;

namespace RightsExchange.UnitTests.Settlement;

public class SettlementInstructionTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 6, 30, 2, 0);

    private static TradeExecuted Trade(decimal quantity, decimal price) =>
        new("X-00000001", "X", "t/yr", quantity, price, Guid.NewGuid(), "buyer", Guid.NewGuid(), "seller", Side.Buy, 0, 0, T0);

    [Fact]
    public void Consideration_and_fees_round_half_up_to_the_fen()
    {
        var instructions = TradeExecutedConsumer.Instruct(Trade(13.257m, 11_986.12m), new FeeSchedule("standard", 5, 3), T0);

        Assert.Equal(158_899.99m, instructions.Consideration.Amount);
        Assert.Equal(79.45m, instructions.BuyerFee.Amount);
        Assert.Equal(47.67m, instructions.SellerFee.Amount);
        Assert.Equal("standard", instructions.FeeSchedule.Name);
    }

    [Theory]
    [InlineData(0.10, 5, 0.00)]
    [InlineData(10.00, 5, 0.01)]
    [InlineData(30.00, 5, 0.02)]
    [InlineData(29.99, 5, 0.01)]
    public void A_fee_of_half_a_fen_rounds_up(decimal consideration, decimal bps, decimal fee)
    {
        Assert.Equal(fee, FeeSchedule.FeeOn(consideration, bps));
    }

    [Fact]
    public void A_small_trade_pays_the_minimum_fee_on_each_side_whose_rate_is_positive()
    {
        var schedule = new FeeSchedule("minimum", 5, 0, MinimumPerTrade: 1.00m);
        var small = TradeExecutedConsumer.Instruct(Trade(10, 97.5m), schedule, T0);
        var large = TradeExecutedConsumer.Instruct(Trade(10_000, 97.5m), schedule, T0);

        Assert.Equal((975.00m, 1.00m, 0m), (small.Consideration.Amount, small.BuyerFee.Amount, small.SellerFee.Amount));
        Assert.Equal((975_000.00m, 487.50m, 0m), (large.Consideration.Amount, large.BuyerFee.Amount, large.SellerFee.Amount));
        Assert.Equal(1.00m, small.FeeSchedule.MinimumPerTrade);
    }

    [Fact]
    public void A_settlement_is_instructed_then_settled_once()
    {
        var instructed = TradeExecutedConsumer.Instruct(Trade(10, 97.5m), new FeeSchedule("standard", 5, 5), T0);
        var key = RightsExchange.Settlement.Settlements.TradeSettlement.StreamKey(instructed.SettlementId);
        var state = RightsExchange.Settlement.Settlements.TradeSettlement.Fold(null, key, instructed)!;
        state = RightsExchange.Settlement.Settlements.TradeSettlement.Fold(
            state,
            key,
            new TradeSettled(
                instructed.SettlementId,
                "X",
                new Quantity(10, "t/yr"),
                97.5m,
                instructed.Consideration,
                instructed.BuyOrderId,
                "buyer",
                instructed.SellOrderId,
                "seller",
                instructed.BuyerFee,
                instructed.SellerFee,
                T0,
                T0
            )
        )!;

        Assert.Equal(RightsExchange.Settlement.Settlements.TradeSettlement.Settled, state.Status);
        Assert.Equal(T0, state.SettledAt);
    }
}
