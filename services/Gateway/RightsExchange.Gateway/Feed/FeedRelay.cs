using System.Text;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using NodaTime;
using Polly;
using RightsExchange.Gateway.Webhooks;
using RightsExchange.Hosting;

namespace RightsExchange.Gateway.Feed;

/// <summary>
/// Marten subscription over the feed (run by the gateway's async daemon: one leader among gateway instances). For each
/// page of committed entries, in feed order: publishes the public ones to the RabbitMQ exchange, and records a pending
/// <see cref="WebhookDelivery"/> for every active webhook that wants an entry, in the same transaction as the
/// subscription's progress, so a crash republishes (same CloudEvent ids) but never skips or doubles a delivery.
/// </summary>
public sealed class FeedRelay : SubscriptionBase
{
    private readonly PublicExchange _exchange;
    private readonly IClock _clock;
    private readonly ResiliencePipeline _retry;

    public FeedRelay(PublicExchange exchange, IClock clock, ILogger<FeedRelay> logger)
    {
        _exchange = exchange;
        _clock = clock;
        Name = "feed";
        _retry = PublishRetry.Create(logger, "the public feed");
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var entries = page.Events.Where(e => e.Data is FeedEntry).Select(e => (Position: e.Sequence, Entry: (FeedEntry)e.Data)).ToList();
        if (entries.Count == 0) return NullChangeListener.Instance;
        foreach (var (position, entry) in entries.Where(e => e.Entry.IsPublic))
            await _retry.ExecuteAsync(ct => new ValueTask(_exchange.Publish(entry, position, ct)), cancellationToken);
        var webhooks = await operations.Query<Webhook>().Where(w => w.Active).ToListAsync(cancellationToken);
        var now = _clock.GetCurrentInstant();
        foreach (var (position, entry) in entries)
        foreach (var webhook in webhooks.Where(w => w.Wants(entry)))
            operations.Store(new WebhookDelivery(WebhookDelivery.IdOf(webhook.Id, position), webhook.Id, webhook.ParticipantId, position, entry.Id, entry.Type,
                Encoding.UTF8.GetString(CloudEventRenderer.Render(entry, position).Span), DeliveryStatus.Pending, [], now));
        return NullChangeListener.Instance;
    }
}
