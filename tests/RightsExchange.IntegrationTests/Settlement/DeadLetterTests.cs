using System.Net;
using System.Net.Http.Json;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RabbitMQ.Client;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Operations.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.IntegrationTests.Settlement;

[Collection(ExchangeCollection.Name)]
public sealed class DeadLetterTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task Malformed_settlement_instructions_are_dead_lettered_with_their_reason_and_raise_a_regulator_alert()
    {
        var market = await Market.Open(exchange);
        var cea = await market.Instrument();
        var (seller, _, buyer, _) = await market.SellerAndBuyer(cea, 100, 10_000);
        var conservedBefore = await market.Conservation();
        var sellerBefore = await market.Account(seller);
        var buyerBefore = await market.Account(buyer);
        var settlementId = market.Id("MALFORMED");
        var now = SystemClock.Instance.GetCurrentInstant();
        var bus = exchange.Settlement.Services.GetRequiredService<IBus>();
        var malformed = new SettlementInstructed(
            settlementId,
            cea,
            "tCO2e",
            -5,
            97.5m,
            Money.InCny(-487.5m),
            Guid.NewGuid(),
            buyer,
            Money.InCny(1),
            Guid.NewGuid(),
            seller,
            Money.InCny(1),
            new FeeSchedule("test", 5, 5),
            now,
            now
        );
        await bus.Publish(new MessageBatch<SettlementInstructed>([new BatchEntry<SettlementInstructed>(Guid.NewGuid(), 0, malformed)]));

        MessageDeadLettered? alert = null;
        await Eventually.True(
            async () =>
            {
                var alerts = await market.Regulator.GetFromJsonAsync<AlertList>("/api/alerts?limit=100", ExchangeFixture.Json);
                alert = alerts!.Alerts.FirstOrDefault(a => a.Subject == $"settlement {settlementId}");
                return alert is not null;
            },
            "the alert for the malformed instructions"
        );
        Assert.Equal(typeof(MalformedMessageException).FullName, alert!.ExceptionType);
        Assert.Contains("the quantity -5 is not positive", alert.Reason);
        Assert.Contains(alert.MessageTypes, t => t.EndsWith(":SettlementInstructed]]"));
        Assert.EndsWith("_error", alert.ErrorQueue);

        // MassTransit publishes the fault as it moves the message, so the alert can come before the _error queue exists.
        var (body, reason) = await Eventually.Value(
            () => FromQueue(alert.ErrorQueue, alert.MessageId!.Value),
            "the message in the _error queue"
        );
        Assert.Contains(settlementId, body);
        Assert.Contains("the quantity -5 is not positive", reason);

        foreach (var (participant, before) in new[] { (seller, sellerBefore), (buyer, buyerBefore) })
        {
            var after = await market.Account(participant);
            Assert.Equal(before.Holdings, after.Holdings);
            Assert.Equal(before.Cash, after.Cash);
        }
        Assert.Equal(
            conservedBefore.Instruments.Single(i => i.InstrumentId == cea),
            (await market.Conservation()).Instruments.Single(i => i.InstrumentId == cea)
        );

        var trader = await exchange.Trader(buyer);
        Assert.Equal(HttpStatusCode.Forbidden, (await trader.GetAsync("/api/alerts")).StatusCode);
    }

    [Fact]
    public async Task A_registry_command_sent_as_a_request_and_dead_lettered_gives_its_requester_the_fault_and_raises_an_alert()
    {
        var market = await Market.Open(exchange);
        var (participant, _) = await market.Participant("overflow");
        await market.Deposit(participant, 1);
        using var scope = exchange.Gateway.Services.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<DepositCash>>();
        var depositId = Guid.NewGuid();
        // Sent past the gateway's edge, which would refuse it: a balance of 1 CNY plus this overflows at every retry.
        var deposit = new DepositCash(depositId, participant, decimal.MaxValue, "test-regulator");

        await Assert.ThrowsAsync<RequestFaultException>(() =>
            client.GetResponse<RegistryCommandAccepted, RegistryCommandRejected>(deposit, x =>
                x.UseExecute(context => context.MessageId = depositId)
            )
        );

        var alert = await Eventually.Value(
            async () =>
                (await market.Regulator.GetFromJsonAsync<AlertList>("/api/alerts?limit=100", ExchangeFixture.Json))!.Alerts.FirstOrDefault(
                    a => a.MessageId == depositId
                ),
            "the alert for the dead-lettered deposit"
        );
        Assert.EndsWith("-deposit-cash_error", alert.ErrorQueue);
        Assert.Equal(typeof(OverflowException).FullName, alert.ExceptionType);
        Assert.Contains(alert.MessageTypes, t => t.EndsWith(":DepositCash", StringComparison.Ordinal));
        Assert.NotNull(await Eventually.Value(() => FromQueue(alert.ErrorQueue, depositId), "the deposit in the _error queue"));
        Assert.Equal(1m, (await market.Account(participant)).Cash.Available);
    }

    /// <summary>
    /// The body and MassTransit's fault reason header of message <paramref name="messageId"/> in <paramref name="queue"/>,
    /// left in place; null while the queue or the message is not there.
    /// </summary>
    private async Task<Tuple<string, string>?> FromQueue(string queue, Guid messageId)
    {
        var factory = new ConnectionFactory { Uri = new Uri(exchange.RabbitUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: false) is { } result)
            {
                if (result.BasicProperties.MessageId != messageId.ToString())
                    continue;
                var reason = result.BasicProperties.Headers?["MT-Fault-Message"] is byte[] bytes ? Encoding.UTF8.GetString(bytes) : "";
                return Tuple.Create(Encoding.UTF8.GetString(result.Body.Span), reason);
            }
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404) { }
        return null;
    }
}
