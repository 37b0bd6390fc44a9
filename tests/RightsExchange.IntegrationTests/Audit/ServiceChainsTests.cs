using Microsoft.Extensions.DependencyInjection;
using RightsExchange.Hosting.Audit;

namespace RightsExchange.IntegrationTests.Audit;

/// <summary>The running services chain their own logs as they commit: after a trade, every chain covers every event and verifies.</summary>
[Collection(ExchangeCollection.Name)]
public sealed class ServiceChainsTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task After_a_settled_trade_each_services_chain_covers_its_whole_log_and_verifies()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (_, sellerApi, _, buyerApi) = await market.SellerAndBuyer(cea, 10, 10_000);
        await Market.PlaceAccepted(sellerApi, cea, "Sell", 10, 97m);
        await Market.PlaceAccepted(buyerApi, cea, "Buy", 10, 97m);
        await market.SettledQuantity(cea, 10);

        foreach (var services in new[] { exchange.Accounts.Services, exchange.Matching.Services, exchange.Settlement.Services })
        {
            var chain = services.GetRequiredService<AuditChainStore>();
            ChainVerification report = null!;
            await Eventually.True(
                async () =>
                {
                    report = await AuditVerifier.Verify(chain, null, default);
                    return report.Unchained == 0 && report.EventsChecked > 0;
                },
                $"the {chain.Schema} chain catches up"
            );
            Assert.True(report.Intact, report.FirstDivergence?.Detail);
        }
    }
}
