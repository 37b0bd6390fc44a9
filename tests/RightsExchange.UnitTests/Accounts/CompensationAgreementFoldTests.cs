using NodaTime;
using RightsExchange.Accounts.Compensation;
using RightsExchange.Contracts.Compensation.V1;

namespace RightsExchange.UnitTests.Accounts;

public class CompensationAgreementFoldTests
{
    private static readonly Instant T0 = Instant.FromUtc(2013, 3, 1, 2, 0);
    private static readonly Guid Id = Guid.Parse("0199a3f0-5c1e-7a52-9d3b-6f1e2a4b8c02");

    private static readonly CompensationTerms Terms = new(
        "Xin'an River",
        [new("anhui", CompensationRole.Upstream, 1m), new("zhejiang", CompensationRole.Downstream, 1m)],
        [new("JIEKOU", "Jiekou", "anhui")],
        [new("TP", "mg/L", 0.04m, 1m)],
        CompensationFormulas.WaterQualityIndex,
        0.85m,
        100_000_000m,
        null,
        2012,
        2014,
        "upstream water protection",
        DisputeDays: 30
    );

    private static CompensationAgreement Fold(params object[] events)
    {
        CompensationAgreement? state = null;
        foreach (var e in events)
            state = CompensationAgreement.Fold(state, CompensationAgreement.StreamPrefix + Id, e);
        return state!;
    }

    private static ObservationRecorded Observed(Guid id, decimal value, Guid? corrects = null) =>
        new(id, Id, "JIEKOU", "TP", 2012, value, "cnemc", corrects, corrects is null ? null : "re-measured", "monitor", T0);

    private static readonly CompensationAssessed Assessed = new(
        Id,
        2012,
        CompensationFormulas.WaterQualityIndex,
        [],
        0.85m,
        "TARGET_MET",
        [new("zhejiang", "anhui", 100_000_000m, "met")],
        "regulator",
        T0,
        T0.Plus(Duration.FromDays(30))
    );

    [Fact]
    public void A_correction_replaces_the_value_in_force_and_keeps_the_original()
    {
        var first = Guid.NewGuid();
        var agreement = Fold(
            new CompensationAgreementConcluded(Id, Terms, "reg-1", "reg-2", T0),
            Observed(first, 0.4m),
            Observed(Guid.NewGuid(), 0.04m, corrects: first)
        );

        Assert.Equal(0.04m, agreement.ValuesIn(2012)[("JIEKOU", "TP")]);
        Assert.Equal(2, agreement.Observations.Count);
    }

    [Fact]
    public void An_upheld_dispute_withdraws_the_year_and_a_dismissed_one_lets_the_assessment_stand()
    {
        var concluded = new CompensationAgreementConcluded(Id, Terms, "reg-1", "reg-2", T0);
        var disputed = new CompensationDisputed(Guid.NewGuid(), Id, 2012, "anhui", "sample taken below the section", "anhui-trader", T0);

        var upheld = Fold(concluded, Assessed, disputed, new CompensationDisputeDecided(Id, 2012, true, "void sample", "reg-3", T0));
        var dismissed = Fold(concluded, Assessed, disputed, new CompensationDisputeDecided(Id, 2012, false, "sample valid", "reg-3", T0));

        Assert.Equal((CompensationAgreement.Withdrawn, disputed), (upheld.Year(2012)!.Status, upheld.Year(2012)!.Dispute));
        Assert.Equal(CompensationAgreement.Assessed, dismissed.Year(2012)!.Status);
        Assert.Equal(CompensationAgreement.Disputed, Fold(concluded, Assessed, disputed).Year(2012)!.Status);
    }

    [Fact]
    public void A_paid_year_reads_paid_and_a_failed_payment_keeps_its_reason()
    {
        var concluded = new CompensationAgreementConcluded(Id, Terms, "reg-1", "reg-2", T0);
        var failed = Fold(concluded, Assessed, new CompensationPaymentFailed(Id, 2012, "INSUFFICIENT_CASH", "zhejiang has 0.00", T0));
        var paid = Fold(
            concluded,
            Assessed,
            new CompensationPaymentFailed(Id, 2012, "INSUFFICIENT_CASH", "zhejiang has 0.00", T0),
            new CompensationPaid(Id, Terms.Name, 2012, Assessed.Formula, Assessed.Index, Assessed.Decision, Assessed.Payments, T0)
        );

        Assert.Equal(
            (CompensationAgreement.PaymentFailed, "INSUFFICIENT_CASH: zhejiang has 0.00"),
            (failed.Year(2012)!.Status, failed.Year(2012)!.FailureReason)
        );
        Assert.Equal((CompensationAgreement.Paid, null), (paid.Year(2012)!.Status, paid.Year(2012)!.FailureReason));
    }

    [Fact]
    public void Each_settlement_asked_for_a_year_counts_as_an_attempt_and_holds_the_year_until_its_answer()
    {
        var concluded = new CompensationAgreementConcluded(Id, Terms, "reg-1", "reg-2", T0);
        var asked = new CompensationSettlementRequested($"{Id:N}-2012-1", Id, Terms.Name, 2012, Assessed.Payments, T0);
        var failed = new CompensationPaymentFailed(Id, 2012, "INSUFFICIENT_CASH", "zhejiang has 0.00", T0, asked.SettlementId);
        var askedAgain = asked with { SettlementId = $"{Id:N}-2012-2" };

        var settling = Fold(concluded, Assessed, asked).Year(2012)!;
        var again = Fold(concluded, Assessed, asked, failed, askedAgain).Year(2012)!;

        Assert.Equal((CompensationAgreement.Settling, asked.SettlementId, 1), (settling.Status, settling.SettlementId, settling.Attempts));
        Assert.Equal(
            (CompensationAgreement.Settling, askedAgain.SettlementId, 2, null),
            (again.Status, again.SettlementId, again.Attempts, again.FailureReason)
        );
    }

    [Fact]
    public void A_year_is_assessed_under_the_latest_round_that_covers_it()
    {
        var concluded = new CompensationAgreementConcluded(Id, Terms, "reg-1", "reg-2", T0);
        var second = Terms with { Name = "second round", AmountPerPeriod = 200_000_000m, FirstYear = 2015, LastYear = 2017 };
        var shortened = Terms with { Name = "amended", FirstYear = 2016, LastYear = 2016 };

        var renewed = Fold(concluded, new CompensationAgreementAmended(Guid.NewGuid(), Id, 2, second, "renewal", "reg-1", "reg-2", T0));
        var amended = Fold(
            concluded,
            new CompensationAgreementAmended(Guid.NewGuid(), Id, 2, second, "renewal", "reg-1", "reg-2", T0),
            new CompensationAgreementAmended(Guid.NewGuid(), Id, 3, shortened, "shortened", "reg-1", "reg-2", T0)
        );

        Assert.Equal(
            (Terms.Name, "second round", 2012, 2017),
            (renewed.TermsFor(2014).Name, renewed.TermsFor(2015).Name, renewed.FirstYear, renewed.LastYear)
        );
        Assert.Equal(("second round", "amended", 2016), (amended.TermsFor(2015).Name, amended.TermsFor(2016).Name, amended.LastYear));
        Assert.Equal("YEAR_OUTSIDE_TERM", amended.OutsideTerm(2017)!.Reason);
    }
}
