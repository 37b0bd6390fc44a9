using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.IntegrationTests.Positions;

/// <summary>
/// Balances as of an instant on a long holding stream: the fold starts from snapshots taken every fourth version (the
/// fixture's <c>Registry:AsOfSnapshotEvery</c>) and answers exactly as a fold from the first event would.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class AsOfSnapshotTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task As_of_balances_read_from_snapshots_match_the_full_fold_at_every_instant()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument("CEA");
        var (holder, holderApi) = await market.Participant("holder");
        var (other, _) = await market.Participant("other");
        await market.Issue(cea, holder, 100m);

        var after = new List<Instant>();
        for (var i = 0; i < 13; i++)
        {
            var sent = await holderApi.PostAsJsonAsync(
                "/api/transfers",
                new
                {
                    fromParticipantId = holder,
                    toParticipantId = other,
                    instrumentId = cea,
                    quantity = 1m,
                },
                ExchangeFixture.Json
            );
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            after.Add(SystemClock.Instance.GetCurrentInstant());
        }

        // Latest first, so the first query folds the whole stream and leaves its snapshots; then every instant again, from them.
        foreach (var i in Enumerable.Range(0, 13).Reverse().Concat(Enumerable.Range(0, 13)))
            Assert.Equal(99m - i, (await AvailableAsOf(market, holder, cea, after[i]))!);

        var store = exchange.Accounts.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var versions = await session
            .Query<AsOfSnapshot<Holding>>()
            .Where(s => s.StreamKey == StreamKeys.Holding(holder, cea))
            .Select(s => s.Version)
            .ToListAsync();
        Assert.Equal([4L, 8L, 12L], versions.Order());
    }

    private static async Task<decimal?> AvailableAsOf(Market market, string participantId, string instrumentId, Instant asOf)
    {
        var statement = await market.Regulator.GetFromJsonAsync<AccountStatement>(
            $"/api/accounts/{participantId}?asOf={InstantPattern.ExtendedIso.Format(asOf)}",
            ExchangeFixture.Json
        );
        return statement!.Holdings.SingleOrDefault(h => h.InstrumentId == instrumentId)?.Available;
    }
}
