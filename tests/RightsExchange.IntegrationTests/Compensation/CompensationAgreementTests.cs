using System.Net;
using System.Net.Http.Json;
using NodaTime;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Public.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Gateway.Compensation;
using RightsExchange.IntegrationTests.Subscribers;
using static RightsExchange.IntegrationTests.Compensation.AgreementTerms;

namespace RightsExchange.IntegrationTests.Compensation;

[Collection(ExchangeCollection.Name)]
public sealed class CompensationAgreementTests(ExchangeFixture exchange)
{
    private const decimal Amount = 1_000_000.00m;

    private sealed record Parties(
        Market Market,
        string Upstream,
        string Downstream,
        string Monitor,
        HttpClient MonitorApi,
        HttpClient UpstreamApi
    );

    private static async Task<Parties> Open(ExchangeFixture exchange)
    {
        var market = await Market.Open(exchange);
        var (anhui, anhuiApi) = await market.Participant("anhui", kind: "Government");
        var (zhejiang, _) = await market.Participant("zhejiang", "CN-ZJ", kind: "Government");
        var (monitor, monitorApi) = await market.Participant("monitor", kind: "MonitoringBody");
        return new Parties(market, anhui, zhejiang, monitor, monitorApi, anhuiApi);
    }

    /// <summary>The Xin'an River agreement's shape (one boundary section, three indicators, K = 0.85), 2012-2014 by default.</summary>
    private static CompensationAgreementRequest XinAn(
        Parties p,
        int disputeDays = 0,
        int firstYear = 2012,
        int lastYear = 2014,
        decimal amount = Amount
    ) =>
        Terms(
            $"Xin'an River (test), {firstYear}-{lastYear}",
            CompensationFormulas.WaterQualityIndex,
            Basin(p.Upstream, p.Downstream),
            [Section("JIEKOU", "Jiekou boundary cross-section", p.Upstream)],
            [Indicator("CODMn", 2.0m), Indicator("NH3-N", 0.15m), Indicator("TP", 0.04m)],
            amount,
            firstYear,
            lastYear,
            "Upstream water protection"
        ) with
        {
            StabilityCoefficient = 0.85m,
            DisputeDays = disputeDays,
        };

    private static async Task<string> Conclude(Parties p, int disputeDays = 0)
    {
        var proposed = await p.Market.Regulator.PostAsJsonAsync(
            "/api/compensation/agreements",
            XinAn(p, disputeDays),
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, (await p.Market.Approve(proposed)).StatusCode);
        return $"/api/compensation/agreements/{(await proposed.Content.ReadFromJsonAsync<Proposal>(ExchangeFixture.Json))!.Id}";
    }

    private sealed record Proposal(Guid Id, Guid ActionId);

    private static async Task<Guid> Observe(
        Parties p,
        string agreement,
        string indicator,
        int year,
        decimal value,
        Guid? corrects = null,
        string? reason = null,
        HttpStatusCode expected = HttpStatusCode.Created
    )
    {
        var id = Guid.NewGuid();
        var answer = await p.MonitorApi.PostAsJsonAsync(
            $"{agreement}/observations",
            new
            {
                observationId = id,
                section = "JIEKOU",
                indicator,
                year,
                value,
                monitoringBody = p.Monitor,
                corrects,
                reason,
            },
            ExchangeFixture.Json
        );
        Assert.True(answer.StatusCode == expected, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return id;
    }

    private static async Task<CompensationYearView> Assess(Parties p, string agreement, int year)
    {
        var answer = await p.Market.Regulator.PostAsJsonAsync($"{agreement}/assessments", new { year }, ExchangeFixture.Json);
        Assert.True(answer.StatusCode == HttpStatusCode.Created, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return (await answer.Content.ReadFromJsonAsync<CompensationYearView>(ExchangeFixture.Json))!;
    }

    private static async Task<decimal> Cash(Parties p, string participant) => (await p.Market.Account(participant)).Cash.Available;

    [Fact]
    public async Task An_agreement_concluded_by_two_regulators_is_assessed_on_its_corrected_observations_and_paid_each_way()
    {
        var p = await Open(exchange);
        await p.Market.Deposit(p.Upstream, Amount);
        await p.Market.Deposit(p.Downstream, Amount);
        var proposed = await p.Market.Regulator.PostAsJsonAsync("/api/compensation/agreements", XinAn(p), ExchangeFixture.Json);
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        Assert.Equal(
            "SAME_REGULATOR",
            await Market.Problem(
                await p.Market.Regulator.PostAsJsonAsync(
                    $"{proposed.Headers.Location}/approve",
                    new { reason = "mine" },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(HttpStatusCode.Created, (await p.Market.Approve(proposed)).StatusCode);
        var agreement = $"/api/compensation/agreements/{(await proposed.Content.ReadFromJsonAsync<Proposal>(ExchangeFixture.Json))!.Id}";

        await Observe(p, agreement, "CODMn", 2012, 1.9m);
        await Observe(p, agreement, "NH3-N", 2012, 0.12m);
        var mistaken = await Observe(p, agreement, "TP", 2012, 0.4m);
        await Observe(p, agreement, "TP", 2012, 0.05m, expected: HttpStatusCode.Conflict);
        await Observe(p, agreement, "TP", 2012, 0.04m, corrects: mistaken, reason: "Decimal point misplaced in the lab report");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await p.UpstreamApi.PostAsJsonAsync(
                    $"{agreement}/observations",
                    new
                    {
                        section = "JIEKOU",
                        indicator = "TP",
                        year = 2013,
                        value = 0.01m,
                        monitoringBody = p.Monitor,
                    },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );

        var first = await Assess(p, agreement, 2012);
        Assert.Equal(("Paid", "TARGET_MET"), (first.Status, first.Assessment.Decision));
        Assert.Equal(0.85m * (0.95m + 0.8m + 1m) / 3m, first.Assessment.Index);
        Assert.Contains(first.Assessment.Figures, f => f is { Indicator: "TP", Value: 0.04m, Ratio: 1m });
        Assert.Equal((2 * Amount, 0m), (await Cash(p, p.Upstream), await Cash(p, p.Downstream)));
        // A correction after the year was paid is recorded beside the value it corrects; the paid year keeps its figures.
        var tp2012 = (await p.Market.Regulator.GetFromJsonAsync<CompensationAgreementView>(agreement, ExchangeFixture.Json))!
            .Observations.Single(o => o is { Indicator: "TP", Year: 2012, Value: 0.04m })
            .ObservationId;
        await Observe(p, agreement, "TP", 2012, 0.041m, corrects: tp2012, reason: "Laboratory re-run after the assessment");
        Assert.Equal(
            "ALREADY_PAID",
            await Market.Problem(
                await p.Market.Regulator.PostAsJsonAsync($"{agreement}/assessments", new { year = 2012 }, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );
        var paid2012 = (
            await p.Market.Regulator.GetFromJsonAsync<CompensationAgreementView>(agreement, ExchangeFixture.Json)
        )!.Years.Single(y => y.Year == 2012);
        Assert.Equal(first.Assessment.Figures, paid2012.Assessment.Figures);
        Assert.Equal(
            "OBSERVATIONS_MISSING",
            await Market.Problem(
                await p.Market.Regulator.PostAsJsonAsync($"{agreement}/assessments", new { year = 2013 }, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );

        await Observe(p, agreement, "CODMn", 2013, 2.6m);
        await Observe(p, agreement, "NH3-N", 2013, 0.2m);
        await Observe(p, agreement, "TP", 2013, 0.05m);
        var second = await Assess(p, agreement, 2013);
        Assert.Equal(("Paid", "TARGET_MISSED"), (second.Status, second.Assessment.Decision));
        Assert.Equal((Amount, Amount), (await Cash(p, p.Upstream), await Cash(p, p.Downstream)));

        var view = (await p.Market.Regulator.GetFromJsonAsync<CompensationAgreementView>(agreement, ExchangeFixture.Json))!;
        Assert.Equal(8, view.Observations.Count);
        Assert.Equal(new[] { 2012, 2013 }, view.Years.Select(y => y.Year));
        Assert.True((await p.Market.Conservation()).Balanced);
    }

    [Fact]
    public async Task A_renewal_is_an_amendment_from_its_first_year_on_approved_by_a_second_regulator_and_never_rewrites_an_assessed_year()
    {
        var p = await Open(exchange);
        await p.Market.Deposit(p.Downstream, 3 * Amount);
        var agreement = await Conclude(p);
        await Observe(p, agreement, "CODMn", 2012, 1.9m);
        await Observe(p, agreement, "NH3-N", 2012, 0.12m);
        await Observe(p, agreement, "TP", 2012, 0.04m);
        Assert.Equal("Paid", (await Assess(p, agreement, 2012)).Status);

        Assert.Equal(
            "YEAR_ALREADY_ASSESSED",
            await Market.Problem(
                await p.Market.Regulator.PostAsJsonAsync(
                    $"{agreement}/amendments",
                    new { terms = XinAn(p, amount: 2 * Amount), reason = "Double the amount" },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        var renewal = await p.Market.Regulator.PostAsJsonAsync(
            $"{agreement}/amendments",
            new { terms = XinAn(p, firstYear: 2015, lastYear: 2017, amount: 2 * Amount), reason = "Second round signed" },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Accepted, renewal.StatusCode);
        Assert.Equal(
            "YEAR_OUTSIDE_TERM",
            await Market.Problem(
                await p.MonitorApi.PostAsJsonAsync(
                    $"{agreement}/observations",
                    new
                    {
                        section = "JIEKOU",
                        indicator = "TP",
                        year = 2015,
                        value = 0.04m,
                        monitoringBody = p.Monitor,
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            "SAME_REGULATOR",
            await Market.Problem(
                await p.Market.Regulator.PostAsJsonAsync(
                    $"{renewal.Headers.Location}/approve",
                    new { reason = "mine" },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(HttpStatusCode.Created, (await p.Market.Approve(renewal)).StatusCode);

        await Observe(p, agreement, "CODMn", 2015, 1.9m);
        await Observe(p, agreement, "NH3-N", 2015, 0.12m);
        await Observe(p, agreement, "TP", 2015, 0.04m);
        var second = await Assess(p, agreement, 2015);
        Assert.Equal(("Paid", 2 * Amount), (second.Status, Assert.Single(second.Assessment.Payments).Amount));
        Assert.Equal(3 * Amount, await Cash(p, p.Upstream));

        var view = (await p.Market.Regulator.GetFromJsonAsync<CompensationAgreementView>(agreement, ExchangeFixture.Json))!;
        var amended = Assert.Single(view.Amendments!);
        Assert.Equal((2, 2015, 2017, "Second round signed"), (amended.Round, amended.Terms.FirstYear, view.Terms.LastYear, amended.Reason));
        Assert.Equal(Amount, Assert.Single(view.Years.Single(y => y.Year == 2012).Assessment.Payments).Amount);
    }

    [Fact]
    public async Task An_assessment_that_cannot_be_paid_fails_visibly_moves_nothing_and_is_paid_once_funded()
    {
        var p = await Open(exchange);
        var agreement = await Conclude(p);
        await Observe(p, agreement, "CODMn", 2012, 1.5m);
        await Observe(p, agreement, "NH3-N", 2012, 0.1m);
        await Observe(p, agreement, "TP", 2012, 0.03m);

        var start = await FeedStreamTests.FeedHead(exchange);
        var unpaid = await Assess(p, agreement, 2012);
        Assert.Equal("PaymentFailed", unpaid.Status);
        Assert.StartsWith("INSUFFICIENT_CASH", unpaid.FailureReason);
        Assert.Equal((0m, 0m), (await Cash(p, p.Upstream), await Cash(p, p.Downstream)));

        await p.Market.Deposit(p.Downstream, Amount);
        var paid = await Assess(p, agreement, 2012);
        Assert.Equal(("Paid", unpaid.Assessment.AssessedAt), (paid.Status, paid.Assessment.AssessedAt));
        Assert.Equal((Amount, 0m), (await Cash(p, p.Upstream), await Cash(p, p.Downstream)));
        Assert.True((await p.Market.Conservation()).Balanced);

        // Both attempts went through settlement: the downstream party's statement shows the failed one and the paid one,
        // and reconciliation finds each as the registry posted (or refused) it.
        Assert.Equal(
            (unpaid.SettlementId![..^2], "-1", "-2"),
            (paid.SettlementId![..^2], unpaid.SettlementId[^2..], paid.SettlementId[^2..])
        );
        var today = paid.Assessment.AssessedAt.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        var statement = (
            await p.Market.Regulator.GetFromJsonAsync<DailyStatement>(
                $"/api/accounts/{p.Downstream}/statements/{today:yyyy-MM-dd}",
                ExchangeFixture.Json
            )
        )!;
        Assert.Equal(
            [(unpaid.SettlementId, "Failed", -Amount), (paid.SettlementId, "Settled", -Amount)],
            statement.Compensation!.Select(c => (c.SettlementId, c.Status, c.Amount))
        );
        var report = await ReconciliationTests.Reconcile(p.Market, r => r.Compensation is { Settled: > 0, Failed: > 0 } && r.InFlight == 0);
        Assert.DoesNotContain(report.Differences, d => d.TradeId?.StartsWith(unpaid.SettlementId[..^2]) == true);
        Assert.True(report.Compensation!.Paid >= Amount);

        // The paid year, once, is the public record on the feed; the failed attempt is not.
        var subject = agreement.Split('/')[^1];
        var feed = await FeedStreamTests.Read(exchange.Gateway.CreateClient(), $"/api/feed?after={start}", r =>
            r.Any(e => e.Subject == subject && e.Type == CloudEventTypes.CompensationPaid)
        );
        var record = feed.Single(e => e.Subject == subject && e.Type == CloudEventTypes.CompensationPaid).Data;
        Assert.Equal(("TARGET_MET", 2012), (record.GetProperty("decision").GetString(), record.GetProperty("year").GetInt32()));
        var payment = Assert.Single(record.GetProperty("payments").EnumerateArray());
        Assert.Equal(
            (p.Downstream, p.Upstream, Amount),
            (
                payment.GetProperty("payerId").GetString(),
                payment.GetProperty("payeeId").GetString(),
                payment.GetProperty("amount").GetDecimal()
            )
        );
    }

    [Fact]
    public async Task A_disputed_year_waits_for_a_regulator_and_an_upheld_dispute_withdraws_the_assessment()
    {
        var p = await Open(exchange);
        await p.Market.Deposit(p.Downstream, Amount);
        var agreement = await Conclude(p, disputeDays: 30);
        await Observe(p, agreement, "CODMn", 2012, 1.9m);
        await Observe(p, agreement, "NH3-N", 2012, 0.12m);
        var tp = await Observe(p, agreement, "TP", 2012, 0.04m);

        var assessed = await Assess(p, agreement, 2012);
        Assert.Equal(
            ("Assessed", assessed.Assessment.AssessedAt.Plus(NodaTime.Duration.FromDays(30))),
            (assessed.Status, assessed.Assessment.PayableFrom)
        );
        Assert.Equal((0m, Amount), (await Cash(p, p.Upstream), await Cash(p, p.Downstream)));
        Assert.Equal(
            "DISPUTE_WINDOW_OPEN",
            await Market.Problem(
                await p.Market.Regulator.PostAsJsonAsync($"{agreement}/assessments", new { year = 2012 }, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await p.MonitorApi.PostAsJsonAsync(
                    $"{agreement}/disputes",
                    new
                    {
                        year = 2012,
                        partyId = p.Downstream,
                        reason = "Not ours to raise",
                    },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await p.UpstreamApi.PostAsJsonAsync(
                    $"{agreement}/disputes",
                    new
                    {
                        year = 2012,
                        partyId = p.Upstream,
                        reason = "The TP sample was taken below the section",
                    },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );
        Assert.Equal(
            "DISPUTED",
            await Market.Problem(
                await p.Market.Regulator.PostAsJsonAsync($"{agreement}/assessments", new { year = 2012 }, ExchangeFixture.Json),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            "NOT_DISPUTABLE",
            await Market.Problem(
                await p.UpstreamApi.PostAsJsonAsync(
                    $"{agreement}/disputes",
                    new
                    {
                        year = 2012,
                        partyId = p.Upstream,
                        reason = "Again",
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await p.Market.Regulator.PostAsJsonAsync(
                    $"{agreement}/disputes/2012/decision",
                    new { upheld = true, reason = "The sample is void; re-measured" },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );

        var withdrawn = (
            await p.Market.Regulator.GetFromJsonAsync<CompensationAgreementView>(agreement, ExchangeFixture.Json)
        )!.Years.Single();
        Assert.Equal(("Withdrawn", true), (withdrawn.Status, withdrawn.Ruling!.Upheld));
        await Observe(p, agreement, "TP", 2012, 0.03m, corrects: tp, reason: "Re-measured at the section after the upheld dispute");
        var again = await Assess(p, agreement, 2012);
        Assert.Equal("Assessed", again.Status);
        Assert.Contains(again.Assessment.Figures, f => f is { Indicator: "TP", Value: 0.03m });
        Assert.Equal((0m, Amount), (await Cash(p, p.Upstream), await Cash(p, p.Downstream)));
    }

    [Fact]
    public async Task A_shared_fund_keeps_what_no_party_earned_and_pays_it_out_only_for_a_stated_purpose()
    {
        var market = await Market.Open(exchange);
        var (a, _) = await market.Participant("county-a", kind: "Government");
        var (b, _) = await market.Participant("county-b", kind: "Government");
        var (fund, _) = await market.Participant("fund", kind: "Government");
        var (works, _) = await market.Participant("water-works");
        var (monitor, monitorApi) = await market.Participant("monitor", kind: "MonitoringBody");
        await market.Deposit(a, 300m);
        await market.Deposit(b, 700m);
        var proposed = await market.Regulator.PostAsJsonAsync(
            "/api/compensation/agreements",
            Terms(
                "Shared fund (test)",
                CompensationFormulas.SharedFund,
                [Member(a, 3), Member(b, 7)],
                [Section("A", "A's section", a), Section("B", "B's section", b)],
                [Indicator("TP", 0.1m)],
                1000m,
                2023,
                2027,
                "Basin protection works"
            ) with
            {
                FundAccountId = fund,
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, (await market.Approve(proposed)).StatusCode);
        var agreement = $"/api/compensation/agreements/{(await proposed.Content.ReadFromJsonAsync<Proposal>(ExchangeFixture.Json))!.Id}";
        foreach (var section in new[] { "A", "B" })
        {
            Assert.Equal(
                HttpStatusCode.Created,
                (
                    await monitorApi.PostAsJsonAsync(
                        $"{agreement}/observations",
                        new
                        {
                            section,
                            indicator = "TP",
                            year = 2023,
                            value = 0.2m,
                            monitoringBody = monitor,
                        },
                        ExchangeFixture.Json
                    )
                ).StatusCode
            );
        }

        var assessed = await market.Regulator.PostAsJsonAsync($"{agreement}/assessments", new { year = 2023 }, ExchangeFixture.Json);
        var year = (await assessed.Content.ReadFromJsonAsync<CompensationYearView>(ExchangeFixture.Json))!;
        Assert.Equal(("Paid", "ALL_EXCEEDED"), (year.Status, year.Assessment.Decision));
        Assert.Equal(1000m, (await market.Account(fund)).Cash.Available);

        var tooMuch = await market.Regulator.PostAsJsonAsync(
            $"{agreement}/spending",
            new
            {
                payeeId = works,
                amount = 1000.01m,
                purpose = "Sewage works",
            },
            ExchangeFixture.Json
        );
        Assert.Equal("INSUFFICIENT_CASH", await Market.Problem(tooMuch, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await market.Regulator.PostAsJsonAsync(
                    $"{agreement}/spending",
                    new { payeeId = works, amount = 400m },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await market.Regulator.PostAsJsonAsync(
                    $"{agreement}/spending",
                    new
                    {
                        payeeId = works,
                        amount = 400m,
                        purpose = "Sewage collection for the county seat",
                    },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );

        Assert.Equal((600m, 400m), ((await market.Account(fund)).Cash.Available, (await market.Account(works)).Cash.Available));
        var view = (await market.Regulator.GetFromJsonAsync<CompensationAgreementView>(agreement, ExchangeFixture.Json))!;
        var spent = Assert.Single(view.Spending);
        Assert.Equal((works, 400m, "Sewage collection for the county seat"), (spent.PayeeId, spent.Amount.Amount, spent.Purpose));
        Assert.True((await market.Conservation()).Balanced);
    }

    [Fact]
    public async Task Bad_terms_and_observations_from_anyone_but_a_monitoring_body_change_nothing()
    {
        var p = await Open(exchange);
        var noDownstream = await p.Market.Regulator.PostAsJsonAsync(
            "/api/compensation/agreements",
            Terms(
                "One-sided",
                CompensationFormulas.WaterQualityIndex,
                [new(p.Upstream, CompensationRole.Upstream, 1)],
                [Section("JIEKOU", "Jiekou", p.Upstream)],
                [Indicator("CODMn", 2.0m)],
                Amount,
                2012,
                2014,
                "x y"
            ),
            ExchangeFixture.Json
        );
        Assert.Equal("INVALID_TERMS", await Market.Problem(noDownstream, HttpStatusCode.UnprocessableEntity));

        var agreement = await Conclude(p);
        var (lab, labApi) = await p.Market.Participant("lab");
        Assert.Equal(
            "NOT_A_MONITORING_BODY",
            await Market.Problem(
                await labApi.PostAsJsonAsync(
                    $"{agreement}/observations",
                    new
                    {
                        section = "JIEKOU",
                        indicator = "TP",
                        year = 2012,
                        value = 0.03m,
                        monitoringBody = lab,
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        Assert.Equal(
            "YEAR_OUTSIDE_TERM",
            await Market.Problem(
                await p.MonitorApi.PostAsJsonAsync(
                    $"{agreement}/observations",
                    new
                    {
                        section = "JIEKOU",
                        indicator = "TP",
                        year = 2020,
                        value = 0.03m,
                        monitoringBody = p.Monitor,
                    },
                    ExchangeFixture.Json
                ),
                HttpStatusCode.UnprocessableEntity
            )
        );
        var view = (await p.Market.Regulator.GetFromJsonAsync<CompensationAgreementView>(agreement, ExchangeFixture.Json))!;
        Assert.Empty(view.Observations);
    }
}
