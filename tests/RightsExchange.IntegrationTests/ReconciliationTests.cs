using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Settlement.V1;

namespace RightsExchange.IntegrationTests;

/// <summary>An exchange of its own: these tests tamper with the registry on purpose.</summary>
[CollectionDefinition(Name)]
public sealed class ReconciliationCollection : ICollectionFixture<ExchangeFixture>
{
    public const string Name = "exchange-reconciliation";
}

[Collection(ReconciliationCollection.Name)]
public sealed class ReconciliationTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_clean_ledger_reconciles_and_a_delivery_posted_twice_is_found()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (seller, sellerApi, buyer, buyerApi) = await market.SellerAndBuyer(cea, 1_000, 100_000);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 300, 97.50m);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 300, 97.50m);
        var trade = Assert.Single(await market.SettledQuantity(cea, 300));

        var clean = await Reconcile(market, r => r.Settled == 1 && r.InFlight == 0);
        Assert.True(clean.Balanced, string.Join("; ", clean.Differences.Select(d => $"{d.Kind} {d.Detail}")));
        Assert.Equal((1, 1, 0), (clean.Trades, clean.Settled, clean.Failed));
        var line = Assert.Single(clean.Instruments);
        Assert.Equal((cea, 300m, 29_250.00m, 29.26m), (line.InstrumentId, line.QuantitySettled, line.Consideration, line.Fees));
        Assert.StartsWith("on-demand by test-regulator", clean.Trigger);

        // The injected difference: the buyer's receipt of the trade's units posted a second time, as a faulty handler would.
        var writer = exchange.Accounts.Services.GetRequiredService<LedgerWriter>();
        await writer.Execute(
            Guid.NewGuid(),
            "InjectedFault",
            async ledger =>
            {
                (await ledger.Holding(buyer, cea)).Append(new UnitsReceived(trade.TradeId, 300, 97.50m, seller, ledger.Now));
                return true;
            },
            default
        );

        // Conservation is read live and sees the event at once; the postings cut follows the audit chain, a moment behind.
        var found = await Reconcile(market, r => r.Differences.Any(d => d.Kind == "POSTING_MISMATCH"));
        var mismatch = Assert.Single(found.Differences, d => d.Kind == "POSTING_MISMATCH");
        Assert.Equal(trade.TradeId, mismatch.TradeId);
        Assert.Contains($"not instructed UnitsReceived 300 {cea} ({buyer})", mismatch.Detail);
        Assert.Contains(found.Differences, d => d.Kind == "CONSERVATION" && d.Detail.StartsWith(cea));

        var recorded = await market.Regulator.GetFromJsonAsync<ReconciliationList>("/api/reconciliations?limit=1", ExchangeFixture.Json);
        Assert.Equal(found.RunId, Assert.Single(recorded!.Reports).RunId);
        var badLimit = await market.Regulator.GetAsync("/api/reconciliations?limit=0");
        Assert.Contains("INVALID_LIMIT", await Market.Problem(badLimit, System.Net.HttpStatusCode.BadRequest));
    }

    /// <summary>Runs reconciliations until one satisfies <paramref name="done"/> (the audit chain the registry's cut follows trails the log
    /// a moment).</summary>
    internal static async Task<ReconciliationReport> Reconcile(Market market, Func<ReconciliationReport, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await market.Regulator.PostAsync("/api/reconciliations", null);
            response.EnsureSuccessStatusCode();
            var report = (await response.Content.ReadFromJsonAsync<ReconciliationReport>(ExchangeFixture.Json))!;
            if (done(report) || DateTime.UtcNow > deadline)
                return report;
            await Task.Delay(250);
        }
    }
}
