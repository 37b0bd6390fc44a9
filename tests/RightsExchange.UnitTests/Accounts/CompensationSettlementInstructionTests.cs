using NodaTime;
using RightsExchange.Accounts.Compensation;
using RightsExchange.Contracts.Compensation.V1;

namespace RightsExchange.UnitTests.Accounts;

/// <summary>Instructions that contradict themselves are dead-lettered with the reason, never half-applied.</summary>
public class CompensationSettlementInstructionTests
{
    private static CompensationSettlementInstructed Instruction(params CompensationPayment[] payments) =>
        new("0199a3f0-2012-1", Guid.Parse("0199a3f0-5c1e-7a52-9d3b-6f1e2a4b8c02"), 2012, payments, Instant.FromUtc(2026, 12, 7, 0, 0));

    [Fact]
    public void Whole_fen_payments_between_two_parties_are_well_formed()
    {
        Assert.Null(
            CompensationSettlementInstructedConsumer.Malformed(
                Instruction(new CompensationPayment("zhejiang", "anhui", 100_000_000.00m, "met"))
            )
        );
        Assert.Null(CompensationSettlementInstructedConsumer.Malformed(Instruction()));
    }

    [Theory]
    [InlineData("zhejiang", "anhui", 0, "is not a positive amount of whole fen")]
    [InlineData("zhejiang", "anhui", -5, "is not a positive amount of whole fen")]
    [InlineData("zhejiang", "anhui", 0.001, "is not a positive amount of whole fen")]
    [InlineData("anhui", "anhui", 10, "anhui pays itself")]
    public void A_payment_of_nothing_of_a_fraction_of_a_fen_or_to_the_payer_itself_is_malformed(
        string payer,
        string payee,
        double amount,
        string reason
    )
    {
        var malformed = CompensationSettlementInstructedConsumer.Malformed(
            Instruction(new CompensationPayment(payer, payee, (decimal)amount, "test"))
        );

        Assert.Contains(reason, malformed);
    }
}
