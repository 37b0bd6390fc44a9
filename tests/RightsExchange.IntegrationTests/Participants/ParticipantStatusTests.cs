using System.Net;
using System.Net.Http.Json;

namespace RightsExchange.IntegrationTests.Participants;

[Collection(ExchangeCollection.Name)]
public sealed class ParticipantStatusTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_pending_participant_trades_nothing_until_activated_and_a_suspended_one_nothing_until_reinstated()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var id = market.Id("newcomer");
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await market.Regulator.PostAsJsonAsync(
                    "/api/participants",
                    new
                    {
                        participantId = id,
                        name = "Newcomer",
                        kind = "Investor",
                        region = "CN-BJ",
                        pending = true,
                    },
                    ExchangeFixture.Json
                )
            ).StatusCode
        );
        var api = await exchange.Trader(id);
        await market.Deposit(id, 10_000);

        Assert.Equal(
            "PARTICIPANT_NOT_ACTIVE",
            await Market.Problem(await Market.Place(api, cea, "Buy", 10, 97.5m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(HttpStatusCode.Created, (await Status(market, id, "Active", "Know-your-customer checks passed")).StatusCode);
        var order = await Market.PlaceAccepted(api, cea, "Buy", 10, 97.5m);

        Assert.Equal(HttpStatusCode.Created, (await Status(market, id, "Suspended", "Late annual filing")).StatusCode);
        Assert.Equal(
            "PARTICIPANT_NOT_ACTIVE",
            await Market.Problem(await Market.Place(api, cea, "Buy", 10, 97.5m), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "SAME_STATUS",
            await Market.Problem(await Status(market, id, "Suspended", "again"), HttpStatusCode.UnprocessableEntity)
        );
        Assert.Equal(
            "INVALID_STATUS",
            await Market.Problem(await Status(market, id, "Pending", "back"), HttpStatusCode.UnprocessableEntity)
        );
        // A suspended participant may still cancel.
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/orders/{order}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Status(market, id, "Active", "Filing received")).StatusCode);
        await Market.PlaceAccepted(api, cea, "Buy", 10, 97.5m);
    }

    private static Task<HttpResponseMessage> Status(Market market, string participantId, string status, string reason) =>
        market.Regulator.PostAsJsonAsync($"/api/participants/{participantId}/status", new { status, reason }, ExchangeFixture.Json);
}
