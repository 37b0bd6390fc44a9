using System.Text.Json;
using NodaTime;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Public.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Feed;
using RightsExchange.Gateway.Webhooks;

namespace RightsExchange.UnitTests.Gateway;

public sealed class FeedMappingTests
{
    private static readonly TradeExecuted Trade = new(
        "CEA-2024-00000001",
        "CEA-2024",
        "tCO2e",
        10m,
        97.5m,
        Guid.NewGuid(),
        "buyer-co",
        Guid.NewGuid(),
        "seller-co",
        Side.Buy,
        0m,
        5m,
        Instant.FromUtc(2026, 11, 24, 2, 0)
    );

    [Fact]
    public void The_feed_consumes_exactly_the_sources_its_queue_is_bound_to()
    {
        var consumed = typeof(FeedConsumer)
            .GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MassTransit.IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(m => m.IsGenericType && m.GetGenericTypeDefinition() == typeof(MessageBatch<>))
            .Select(m => m.GetGenericArguments()[0]);

        Assert.Equal(FeedMapping.Sources.Select(s => s.Event.FullName).Order(), consumed.Select(t => t.FullName).Order());
        // Listings travel on the matching partitions' exchange only: without the flag the feed would never hear of one.
        Assert.Equal([typeof(InstrumentListed)], FeedMapping.Sources.Where(s => s.PartitionBound).Select(s => s.Event));
    }

    [Fact]
    public void The_sources_become_every_feed_type_and_no_other()
    {
        var produced = FeedMapping.Sources.SelectMany(s => s.Types).ToList();
        Assert.Equal(produced.Distinct(), produced);
        Assert.Equal(CloudEventTypes.DataTypes.Keys.Order(), produced.Order());
    }

    [Fact]
    public void A_trade_becomes_only_the_types_its_row_names_and_an_unknown_event_nothing()
    {
        var entries = FeedMapping.Entries(Trade, Guid.NewGuid(), "matching");
        var row = FeedMapping.Sources.Single(s => s.Event == typeof(TradeExecuted));
        Assert.Equal([.. row.Types, CloudEventTypes.OrderFilled], entries.Select(e => e.Type));
        Assert.Empty(FeedMapping.Entries(new object(), Guid.NewGuid(), "matching"));
    }

    [Fact]
    public void A_trade_is_public_without_counterparties_and_each_party_gets_its_own_fill()
    {
        var id = Guid.NewGuid();
        var entries = FeedMapping.Entries(Trade, id, "matching");
        var tape = Assert.Single(entries, e => e.IsPublic);
        Assert.Equal((id, CloudEventTypes.TradeExecuted), (tape.Id, tape.Type));
        Assert.DoesNotContain("buyer-co", tape.Data);
        Assert.DoesNotContain(Trade.BuyOrderId.ToString(), tape.Data);
        var fills = entries.Where(e => e.Type == CloudEventTypes.OrderFilled).ToList();
        Assert.Equal(["buyer-co", "seller-co"], fills.Select(f => f.Audience));
        Assert.Equal(5m, JsonDocument.Parse(fills[1].Data).RootElement.GetProperty("open").GetDecimal());
        Assert.False(fills[0].VisibleTo("seller-co"));
        Assert.False(fills[0].VisibleTo(null));
        // A redelivered trade maps to the same ids, so subscribers can drop the copy.
        Assert.Equal(entries.Select(e => e.Id), FeedMapping.Entries(Trade, id, "matching").Select(e => e.Id));
        Assert.Equal(3, entries.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void A_settlement_is_public_with_its_consideration_and_without_parties_or_fees()
    {
        var settled = new TradeSettled(
            Trade.TradeId,
            Trade.InstrumentId,
            new Quantity(10m, "tCO2e"),
            97.5m,
            new Money(975m, Money.Cny),
            Trade.BuyOrderId,
            "buyer-co",
            Trade.SellOrderId,
            "seller-co",
            new Money(0.98m, Money.Cny),
            new Money(0.98m, Money.Cny),
            Trade.ExecutedAt,
            Trade.ExecutedAt.Plus(Duration.FromSeconds(1))
        );

        var entry = Assert.Single(FeedMapping.Entries(settled, Guid.NewGuid(), "settlement"));

        Assert.Equal((CloudEventTypes.TradeSettled, "CEA-2024", true), (entry.Type, entry.Subject, entry.IsPublic));
        var data = JsonDocument.Parse(entry.Data).RootElement;
        Assert.Equal((975m, "tCO2e"), (data.GetProperty("consideration").GetDecimal(), data.GetProperty("unit").GetString()));
        Assert.DoesNotContain("buyer-co", entry.Data);
        Assert.False(data.TryGetProperty("buyerFee", out _));
    }

    [Fact]
    public void A_retirement_record_is_public_with_its_beneficiary()
    {
        var record = new RightsExchange.Contracts.Registry.V1.RetirementRecorded(
            Guid.NewGuid(),
            "AH-BAMBOO-2024",
            "Anhui bamboo-forest carbon sink",
            2024,
            "anhui-manufacturer",
            new Quantity(300m, "tCO2e"),
            "Anhui manufacturer",
            "2025 operations",
            Instant.FromUtc(2026, 11, 24, 2, 0)
        );

        var entry = Assert.Single(FeedMapping.Entries(record, Guid.NewGuid(), "accounts"));

        Assert.True(entry.IsPublic);
        Assert.Equal((CloudEventTypes.RetirementRecorded, "AH-BAMBOO-2024"), (entry.Type, entry.Subject));
        Assert.Equal("Anhui manufacturer", JsonDocument.Parse(entry.Data).RootElement.GetProperty("beneficiary").GetString());
    }

    [Fact]
    public void A_block_fill_names_the_counterparty_and_a_continuous_one_does_not()
    {
        var continuous = FeedMapping.Entries(Trade, Guid.NewGuid(), "matching").First(e => e.Type == CloudEventTypes.OrderFilled);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(continuous.Data).RootElement.GetProperty("counterparty").ValueKind);
        var block = FeedMapping
            .Entries(Trade with { Kind = TradeKind.Block }, Guid.NewGuid(), "matching")
            .First(e => e.Type == CloudEventTypes.OrderFilled);
        Assert.Equal("seller-co", JsonDocument.Parse(block.Data).RootElement.GetProperty("counterparty").GetString());
    }

    [Fact]
    public void The_cloudevent_carries_the_documented_attributes_and_its_feed_position()
    {
        var entry = FeedMapping.Entries(Trade, Guid.NewGuid(), "matching")[0];
        var ce = JsonDocument.Parse(CloudEventRenderer.Render(entry, 42)).RootElement;
        Assert.Equal("1.0", ce.GetProperty("specversion").GetString());
        Assert.Equal(entry.Id.ToString(), ce.GetProperty("id").GetString());
        Assert.Equal("/rightsexchange/matching", ce.GetProperty("source").GetString());
        Assert.Equal("CEA-2024", ce.GetProperty("subject").GetString());
        Assert.Equal("42", ce.GetProperty("rxsequence").GetString());
        Assert.Equal(97.5m, ce.GetProperty("data").GetProperty("price").GetDecimal());
        Assert.Equal("rightsexchange.trading.v1.TradeExecuted.CEA-2024", PublicFeed.RoutingKey(entry.Type, entry.Subject));
    }

    [Fact]
    public void A_signature_follows_standard_webhooks_and_detects_any_change()
    {
        // The Standard Webhooks specification's published test vector.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        var body = "{\"test\": 2432232314}"u8.ToArray();
        var signature = WebhookSignature.Sign(secret, id, 1614265330, body);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
        Assert.True(WebhookSignature.Verify(secret, id, 1614265330, body, "v1,bm9wZQ== " + signature));
        Assert.False(WebhookSignature.Verify(secret, id, 1614265331, body, signature));
        Assert.False(WebhookSignature.Verify(secret, id, 1614265330, "{\"test\": 2432232315}"u8.ToArray(), signature));
    }
}
