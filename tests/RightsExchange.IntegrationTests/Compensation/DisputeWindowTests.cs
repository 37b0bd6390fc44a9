using System.Net;
using System.Net.Http.Json;
using NodaTime;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.IntegrationTests.Expiry;
using static RightsExchange.IntegrationTests.Compensation.AgreementTerms;

namespace RightsExchange.IntegrationTests.Compensation;

/// <summary>On the exchange whose accounts clock the tests move: what happens once an assessment's dispute window is over.</summary>
[Collection(ExpiryCollection.Name)]
public sealed class DisputeWindowTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_year_is_paid_once_its_dispute_window_is_over_and_can_no_longer_be_disputed()
    {
        var market = await Market.Open(exchange);
        var (upstream, upstreamApi) = await market.Participant("upstream", kind: "Government");
        var (downstream, _) = await market.Participant("downstream", kind: "Government");
        var (monitor, monitorApi) = await market.Participant("monitor", kind: "MonitoringBody");
        await market.Deposit(downstream, 1_000m);
        var proposed = await market.Regulator.PostAsJsonAsync(
            "/api/compensation/agreements",
            Terms(
                "Boundary section (test)",
                CompensationFormulas.WaterQualityIndex,
                Basin(upstream, downstream),
                [Section("S", "Boundary section", upstream)],
                [Indicator("TP", 0.1m)],
                1_000m,
                2023,
                2027,
                "Upstream protection"
            ) with
            {
                DisputeDays = 30,
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, (await market.Approve(proposed)).StatusCode);
        var id = (await proposed.Content.ReadFromJsonAsync<Proposal>(ExchangeFixture.Json))!.Id;
        var agreement = $"/api/compensation/agreements/{id}";
        var observed = await monitorApi.PostAsJsonAsync(
            $"{agreement}/observations",
            new
            {
                section = "S",
                indicator = "TP",
                year = 2023,
                value = 0.05m,
                monitoringBody = monitor,
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Created, observed.StatusCode);
        var assessed = await Year(
            await market.Regulator.PostAsJsonAsync($"{agreement}/assessments", new { year = 2023 }, ExchangeFixture.Json)
        );
        Assert.Equal("Assessed", assessed.Status);

        exchange.AccountsClock.Offset = Duration.FromDays(31);
        try
        {
            Assert.Equal(
                "DISPUTE_WINDOW_CLOSED",
                await Market.Problem(
                    await upstreamApi.PostAsJsonAsync(
                        $"{agreement}/disputes",
                        new
                        {
                            year = 2023,
                            partyId = upstream,
                            reason = "Too late",
                        },
                        ExchangeFixture.Json
                    ),
                    HttpStatusCode.UnprocessableEntity
                )
            );
            var paid = await Year(
                await market.Regulator.PostAsJsonAsync($"{agreement}/assessments", new { year = 2023 }, ExchangeFixture.Json)
            );
            Assert.Equal(("Paid", assessed.Assessment.AssessedAt), (paid.Status, paid.Assessment.AssessedAt));
            Assert.Equal(
                (1_000m, 0m),
                ((await market.Account(upstream)).Cash.Available, (await market.Account(downstream)).Cash.Available)
            );
            Assert.True((await market.Conservation()).Balanced);
        }
        finally
        {
            exchange.AccountsClock.Offset = Duration.Zero;
        }
    }

    private sealed record Proposal(Guid Id, Guid ActionId);

    private static async Task<CompensationYearView> Year(HttpResponseMessage answer)
    {
        Assert.True(answer.StatusCode == HttpStatusCode.Created, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return (await answer.Content.ReadFromJsonAsync<CompensationYearView>(ExchangeFixture.Json))!;
    }
}
