using CsCheck;
using RightsExchange.Accounts.Compensation;
using RightsExchange.Contracts.Compensation.V1;

namespace RightsExchange.UnitTests.Accounts;

public class CompensationAssessmentTests
{
    private static readonly CompensationTerms XinAn = new(
        "Xin'an River",
        [new("anhui", CompensationRole.Upstream, 1m), new("zhejiang", CompensationRole.Downstream, 1m)],
        [new("JIEKOU", "Jiekou", "anhui")],
        [new("CODMn", "mg/L", 2.0m, 1m), new("NH3-N", "mg/L", 0.15m, 1m), new("TP", "mg/L", 0.04m, 1m)],
        CompensationFormulas.WaterQualityIndex,
        0.85m,
        100_000_000m,
        null,
        2012,
        2014,
        "upstream water protection"
    );

    private static readonly CompensationTerms Chishui = new(
        "Chishui River",
        [
            new("yunnan", CompensationRole.Member, 3m),
            new("guizhou", CompensationRole.Member, 4m),
            new("sichuan", CompensationRole.Member, 3m),
        ],
        [new("YN-1", "Qingshuipu", "yunnan"), new("GZ-1", "Maotai", "guizhou"), new("SC-1", "Hejiang", "sichuan")],
        [new("CODMn", "mg/L", 4.0m, 1m), new("NH3-N", "mg/L", 0.5m, 1m)],
        CompensationFormulas.SharedFund,
        1m,
        60_000_000m,
        "chishui-fund",
        2023,
        2027,
        "basin protection"
    );

    private static Dictionary<(string, string), decimal> Values(params (string Section, string Indicator, decimal Value)[] values) =>
        values.ToDictionary(v => (v.Section, v.Indicator), v => v.Value);

    private static Dictionary<(string, string), decimal> XinAnValues(decimal codMn, decimal nh3N, decimal tp) =>
        Values(("JIEKOU", "CODMn", codMn), ("JIEKOU", "NH3-N", nh3N), ("JIEKOU", "TP", tp));

    [Fact]
    public void Water_that_meets_the_target_makes_the_downstream_province_pay_the_upstream_one()
    {
        var (outcome, _) = CompensationAssessment.Assess(XinAn, XinAnValues(1.9m, 0.12m, 0.04m));

        // P = 0.85 × (1.9/2.0 + 0.12/0.15 + 0.04/0.04) / 3 = 0.85 × 2.75 / 3
        Assert.Equal(0.85m * (0.95m + 0.8m + 1m) / 3m, outcome!.Index);
        Assert.Equal("TARGET_MET", outcome.Decision);
        var payment = Assert.Single(outcome.Payments);
        Assert.Equal(("zhejiang", "anhui", 100_000_000m), (payment.PayerId, payment.PayeeId, payment.Amount));
        Assert.Equal(3, outcome.Figures.Count);
    }

    [Fact]
    public void Water_that_misses_the_target_makes_the_upstream_province_pay_the_downstream_one()
    {
        var (outcome, _) = CompensationAssessment.Assess(XinAn, XinAnValues(2.6m, 0.2m, 0.05m));

        Assert.True(outcome!.Index > 1m);
        Assert.Equal("TARGET_MISSED", outcome.Decision);
        var payment = Assert.Single(outcome.Payments);
        Assert.Equal(("anhui", "zhejiang"), (payment.PayerId, payment.PayeeId));
    }

    [Fact]
    public void A_missing_value_is_named_and_never_guessed()
    {
        var (outcome, missing) = CompensationAssessment.Assess(XinAn, Values(("JIEKOU", "CODMn", 1.9m)));

        Assert.Null(outcome);
        Assert.Equal(new[] { "JIEKOU/NH3-N", "JIEKOU/TP" }, missing);
    }

    [Fact]
    public void A_shared_fund_takes_every_share_and_rewards_only_the_parties_within_the_limits()
    {
        var values = Values(
            ("YN-1", "CODMn", 3m),
            ("YN-1", "NH3-N", 0.4m),
            ("GZ-1", "CODMn", 4.5m),
            ("GZ-1", "NH3-N", 0.3m),
            ("SC-1", "CODMn", 2m),
            ("SC-1", "NH3-N", 0.5m)
        );

        var (outcome, _) = CompensationAssessment.Assess(Chishui, values);

        Assert.Equal("EXCEEDED: guizhou", outcome!.Decision);
        var contributions = outcome.Payments.Where(p => p.PayeeId == "chishui-fund").ToDictionary(p => p.PayerId, p => p.Amount);
        Assert.Equal(
            new Dictionary<string, decimal>
            {
                ["yunnan"] = 18_000_000m,
                ["guizhou"] = 24_000_000m,
                ["sichuan"] = 18_000_000m,
            },
            contributions
        );
        var rewards = outcome.Payments.Where(p => p.PayerId == "chishui-fund").ToDictionary(p => p.PayeeId, p => p.Amount);
        Assert.Equal(new Dictionary<string, decimal> { ["yunnan"] = 30_000_000m, ["sichuan"] = 30_000_000m }, rewards);
    }

    [Fact]
    public void When_every_party_exceeded_the_fund_keeps_the_period_amount()
    {
        var values = Values(
            ("YN-1", "CODMn", 5m),
            ("YN-1", "NH3-N", 0.4m),
            ("GZ-1", "CODMn", 4.5m),
            ("GZ-1", "NH3-N", 0.3m),
            ("SC-1", "CODMn", 2m),
            ("SC-1", "NH3-N", 0.6m)
        );

        var (outcome, _) = CompensationAssessment.Assess(Chishui, values);

        Assert.Equal("ALL_EXCEEDED", outcome!.Decision);
        Assert.All(outcome.Payments, p => Assert.Equal("chishui-fund", p.PayeeId));
    }

    [Fact]
    public void Split_pieces_round_half_up_and_the_largest_share_takes_the_rest()
    {
        var split = CompensationAssessment.Split(
            100m,
            [new("a", CompensationRole.Member, 1m), new("b", CompensationRole.Member, 1m), new("c", CompensationRole.Member, 1m)]
        );

        Assert.Equal(new[] { 33.34m, 33.33m, 33.33m }, split.Select(s => s.Amount));
    }

    private static readonly Gen<CompensationParty[]> Parties = Gen.Int[1, 6]
        .SelectMany(n =>
            Gen.Int[1, 1_000]
                .Array[n]
                .Select(shares => shares.Select((s, i) => new CompensationParty($"p{i}", CompensationRole.Member, s)).ToArray())
        );

    [Fact]
    public void Split_pieces_always_add_up_to_the_amount_split()
    {
        Gen.Select(Gen.Long[1, 10_000_000_000L], Parties)
            .Sample(
                (cents, parties) =>
                {
                    var amount = cents / 100m;
                    var split = CompensationAssessment.Split(amount, parties);
                    return split.Sum(s => s.Amount) == amount && split.All(s => s.Amount >= 0 && decimal.Round(s.Amount, 2) == s.Amount);
                }
            );
    }

    [Fact]
    public void The_index_never_falls_as_a_concentration_rises()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[1, 400], Gen.Int[1, 400], Gen.Int[0, 100])
            .Sample(
                (cod, nh3, tp, rise) =>
                {
                    var lower = CompensationAssessment.Assess(XinAn, XinAnValues(cod / 100m, nh3 / 1000m, tp / 1000m)).Outcome!;
                    var higher = CompensationAssessment.Assess(XinAn, XinAnValues((cod + rise) / 100m, nh3 / 1000m, tp / 1000m)).Outcome!;
                    return higher.Index >= lower.Index && (lower.Decision == "TARGET_MISSED" ? higher.Decision == "TARGET_MISSED" : true);
                }
            );
    }

    [Fact]
    public void The_same_observations_give_the_same_assessment()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[1, 400], Gen.Int[1, 400])
            .Sample(
                (cod, nh3, tp) =>
                {
                    var values = XinAnValues(cod / 100m, nh3 / 1000m, tp / 1000m);
                    var first = CompensationAssessment.Assess(XinAn, values).Outcome!;
                    var again = CompensationAssessment.Assess(XinAn, new Dictionary<(string, string), decimal>(values)).Outcome!;
                    return first.Index == again.Index
                        && first.Decision == again.Decision
                        && first.Payments.SequenceEqual(again.Payments)
                        && first.Figures.SequenceEqual(again.Figures);
                }
            );
    }

    [Fact]
    public void Terms_that_cannot_be_assessed_are_refused_with_what_is_wrong()
    {
        Assert.Null(ProposeAgreementConsumer.Invalid(XinAn));
        Assert.Null(ProposeAgreementConsumer.Invalid(Chishui));
        Assert.Equal(
            "A water-quality index agreement has upstream and downstream parties.",
            ProposeAgreementConsumer.Invalid(XinAn with { Parties = [new("anhui", CompensationRole.Upstream, 1m)] })
        );
        Assert.Equal(
            "SharedFund/1 names a fund account that is not a party.",
            ProposeAgreementConsumer.Invalid(Chishui with { FundAccountId = "yunnan" })
        );
        Assert.Equal(
            "The amount per period is positive CNY with at most two decimals.",
            ProposeAgreementConsumer.Invalid(XinAn with { AmountPerPeriod = 0.001m })
        );
        Assert.StartsWith(
            "Section JIEKOU's responsible party",
            ProposeAgreementConsumer.Invalid(XinAn with { Sections = [new("JIEKOU", "Jiekou", "fujian")] })
        );
    }

    private static readonly CompensationTerms Gepr = new(
        "Beijing GEP-R",
        [new("yanqing", CompensationRole.Member, 1m), new("chaoyang", CompensationRole.Member, 1m)],
        [new("YQ", "Yanqing District", "yanqing", 1_200m), new("CY", "Chaoyang District", "chaoyang", 800m)],
        [new("GEP-R", "10k CNY", 1m, 1m)],
        CompensationFormulas.IndicatorTarget,
        1m,
        0m,
        null,
        2025,
        2025,
        "none",
        IndicatorInstrumentId: "GEPR-BJ-2025"
    );

    [Fact]
    public void A_district_above_its_target_has_a_surplus_and_one_below_owes_its_shortfall_with_no_money_moved()
    {
        var (outcome, _) = CompensationAssessment.Assess(Gepr, Values(("YQ", "GEP-R", 1_500m), ("CY", "GEP-R", 600m)));

        Assert.Equal("SHORTFALL: chaoyang 200", outcome!.Decision);
        Assert.Empty(outcome.Payments);
        Assert.Equal(
            [("yanqing", 1_200m, 1_500m, 300m, 0m), ("chaoyang", 800m, 600m, 0m, 200m)],
            outcome.Balances!.Select(b => (b.PartyId, b.Target, b.Achieved, b.Surplus, b.Shortfall))
        );
        Assert.Equal([1_200m, 800m], outcome.Figures.Select(f => f.Baseline));
    }

    [Fact]
    public void Surplus_less_shortfall_is_always_what_a_district_achieved_beyond_its_target()
    {
        Gen.Select(Gen.Int[0, 5_000], Gen.Int[0, 5_000])
            .Sample(
                (yq, cy) =>
                {
                    var (outcome, _) = CompensationAssessment.Assess(Gepr, Values(("YQ", "GEP-R", yq), ("CY", "GEP-R", cy)));
                    Assert.All(outcome!.Balances!, b => Assert.Equal(b.Achieved - b.Target, b.Surplus - b.Shortfall));
                    Assert.All(outcome.Balances!, b => Assert.True(b.Surplus == 0 || b.Shortfall == 0));
                    Assert.Equal(outcome.Balances!.All(b => b.Shortfall == 0), outcome.Decision == "ALL_TARGETS_MET");
                }
            );
    }

    [Fact]
    public void An_indicator_target_settles_in_units_of_one_indicator_with_a_target_for_every_area()
    {
        Assert.Null(ProposeAgreementConsumer.Invalid(Gepr));
        Assert.Equal(
            "An indicator target moves units, not money: its amount per period is 0.",
            ProposeAgreementConsumer.Invalid(Gepr with { AmountPerPeriod = 1m })
        );
        Assert.Equal(
            "Every area of an indicator target has a positive target.",
            ProposeAgreementConsumer.Invalid(Gepr with { Sections = [new("YQ", "Yanqing District", "yanqing")] })
        );
        Assert.Equal(
            "An indicator target names the instrument its surpluses are issued in.",
            ProposeAgreementConsumer.Invalid(Gepr with { IndicatorInstrumentId = null })
        );
        Assert.Equal(
            "Section targets and an indicator instrument belong to IndicatorTarget/1 agreements.",
            ProposeAgreementConsumer.Invalid(XinAn with { IndicatorInstrumentId = "GEPR-BJ-2025" })
        );
    }

    private static readonly CompensationTerms ChishuiPenalties = Chishui with
    {
        Formula = CompensationFormulas.ExceedancePenalty,
        AmountPerPeriod = 1_000_000m,
    };

    [Fact]
    public void Each_exceedance_makes_the_section_s_party_pay_the_penalty_into_the_fund()
    {
        var (outcome, _) = CompensationAssessment.Assess(
            ChishuiPenalties,
            Values(
                ("YN-1", "CODMn", 3.0m),
                ("YN-1", "NH3-N", 0.4m),
                ("GZ-1", "CODMn", 4.5m),
                ("GZ-1", "NH3-N", 0.6m),
                ("SC-1", "CODMn", 4.0m),
                ("SC-1", "NH3-N", 0.5m)
            )
        );

        Assert.Equal("PENALTIES: guizhou 2", outcome!.Decision);
        var penalty = Assert.Single(outcome.Payments);
        Assert.Equal(("guizhou", "chishui-fund", 2_000_000m), (penalty.PayerId, penalty.PayeeId, penalty.Amount));
    }

    [Fact]
    public void A_missing_value_counts_against_its_section_s_party_only_where_the_agreement_says_so_and_is_recorded_as_missing()
    {
        var values = Values(
            ("YN-1", "CODMn", 3.0m),
            ("GZ-1", "CODMn", 3.0m),
            ("GZ-1", "NH3-N", 0.4m),
            ("SC-1", "CODMn", 3.0m),
            ("SC-1", "NH3-N", 0.4m)
        );
        Assert.Equal(["YN-1/NH3-N"], CompensationAssessment.Assess(ChishuiPenalties, values).Missing);

        var (outcome, _) = CompensationAssessment.Assess(ChishuiPenalties with { MissingData = MissingDataRules.CountsAsExceeded }, values);

        Assert.Equal("PENALTIES: yunnan 1", outcome!.Decision);
        Assert.Equal(("YN-1", "NH3-N", 0m), outcome.Figures.Where(f => f.Missing).Select(f => (f.Section, f.Indicator, f.Value)).Single());
    }

    private static readonly CompensationTerms Chaobai = new(
        "Chaobai River / Miyun",
        [new("hebei", CompensationRole.Upstream, 1m), new("beijing", CompensationRole.Downstream, 1m)],
        [new("GUBEIKOU", "Gubeikou", "hebei")],
        [
            new("CODMn", "mg/L", 4.0m, 1m),
            new("NH3-N", "mg/L", 0.5m, 1m),
            new("TP", "mg/L", 0.1m, 1m),
            new("INFLOW", "10k m3", 10_000m, 1m, IndicatorRole.Volume, 50m),
            new("TN", "mg/L", 1.5m, 1m, IndicatorRole.Reward, 5_000_000m),
        ],
        CompensationFormulas.VolumeAndQuality,
        1m,
        30_000_000m,
        null,
        2018,
        2020,
        "water conservation upstream"
    );

    private static Dictionary<(string, string), decimal> ChaobaiValues(decimal tp, decimal inflow, decimal tn) =>
        Values(
            ("GUBEIKOU", "CODMn", 3.2m),
            ("GUBEIKOU", "NH3-N", 0.3m),
            ("GUBEIKOU", "TP", tp),
            ("GUBEIKOU", "INFLOW", inflow),
            ("GUBEIKOU", "TN", tn)
        );

    [Fact]
    public void Above_the_quality_floor_downstream_pays_the_base_the_volume_increment_and_the_reward()
    {
        var (kept, _) = CompensationAssessment.Assess(Chaobai, ChaobaiValues(0.08m, 30_000m, 1.2m));

        Assert.Equal("QUALITY_FLOOR_KEPT", kept!.Decision);
        var payment = Assert.Single(kept.Payments);
        // 30,000,000 base + 50 × (30,000 − 10,000) + 5,000,000 for total nitrogen below its baseline
        Assert.Equal(("beijing", "hebei", 36_000_000m), (payment.PayerId, payment.PayeeId, payment.Amount));

        var (missed, _) = CompensationAssessment.Assess(Chaobai, ChaobaiValues(0.12m, 30_000m, 1.2m));
        Assert.Equal("QUALITY_FLOOR_MISSED", missed!.Decision);
        Assert.Empty(missed.Payments);
    }

    [Fact]
    public void More_water_never_pays_less_and_a_rise_in_a_quality_indicator_never_pays_more()
    {
        Gen.Select(Gen.Int[0, 50_000], Gen.Int[0, 20_000], Gen.Int[50, 150], Gen.Int[0, 40])
            .Sample(
                (inflow, more, tp, rise) =>
                {
                    decimal Paid(decimal flow, decimal p) =>
                        CompensationAssessment.Assess(Chaobai, ChaobaiValues(p / 1000m, flow, 1.4m)).Outcome!.Payments.Sum(x => x.Amount);
                    return Paid(inflow + more, tp) >= Paid(inflow, tp) && Paid(inflow, tp + rise) <= Paid(inflow, tp);
                }
            );
    }

    [Fact]
    public void Rates_missing_data_rules_and_fund_accounts_are_checked_against_the_formula()
    {
        Assert.Null(ProposeAgreementConsumer.Invalid(Chaobai));
        Assert.Null(ProposeAgreementConsumer.Invalid(ChishuiPenalties with { MissingData = MissingDataRules.CountsAsExceeded }));
        Assert.Equal(
            "Indicator CODMn: volume and reward indicators have a rate, quality indicators none.",
            ProposeAgreementConsumer.Invalid(Chaobai with { Indicators = [new("CODMn", "mg/L", 4.0m, 1m, IndicatorRole.Quality, 1m)] })
        );
        Assert.Equal(
            "Only the section rules (SharedFund/1, ExceedancePenalty/1) count a missing value as exceeded.",
            ProposeAgreementConsumer.Invalid(XinAn with { MissingData = MissingDataRules.CountsAsExceeded })
        );
        Assert.Equal(
            "Volume and reward indicators, with their rates, belong to VolumeAndQuality/1 agreements.",
            ProposeAgreementConsumer.Invalid(XinAn with { Indicators = [new("INFLOW", "10k m3", 1m, 1m, IndicatorRole.Volume, 1m)] })
        );
        Assert.Equal(
            "ExceedancePenalty/1 names a fund account that is not a party.",
            ProposeAgreementConsumer.Invalid(ChishuiPenalties with { FundAccountId = null })
        );
    }

    [Fact]
    public void A_higher_value_never_lowers_a_party_s_penalty_and_every_rule_gives_the_same_result_on_the_same_values()
    {
        string[] sections = ["YN-1", "GZ-1", "SC-1"];
        Gen.Select(Gen.Int[100, 600].Array[6], Gen.Int[0, 5], Gen.Int[0, 300])
            .Sample(
                (raw, which, rise) =>
                {
                    Dictionary<(string, string), decimal> ValuesWith(int extra) =>
                        Values([
                            .. sections.SelectMany(
                                (s, i) =>
                                    new[]
                                    {
                                        (s, "CODMn", raw[2 * i] / 100m + (2 * i == which ? extra / 100m : 0m)),
                                        (s, "NH3-N", raw[2 * i + 1] / 1000m + (2 * i + 1 == which ? extra / 1000m : 0m)),
                                    }
                            ),
                        ]);
                    foreach (var terms in new[] { ChishuiPenalties, Chishui })
                    {
                        var once = CompensationAssessment.Assess(terms, ValuesWith(0)).Outcome!;
                        var again = CompensationAssessment.Assess(terms, ValuesWith(0)).Outcome!;
                        Assert.Equal(once.Decision, again.Decision);
                        Assert.Equal(once.Figures, again.Figures);
                        Assert.Equal(once.Payments, again.Payments);
                    }
                    decimal Penalty(int extra, string party) =>
                        CompensationAssessment
                            .Assess(ChishuiPenalties, ValuesWith(extra))
                            .Outcome!.Payments.Where(p => p.PayerId == party)
                            .Sum(p => p.Amount);
                    return new[] { "yunnan", "guizhou", "sichuan" }.All(party => Penalty(rise, party) >= Penalty(0, party));
                }
            );
    }
}
