using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using Polly;
using RightsExchange.Contracts;

namespace RightsExchange.Hosting;

/// <summary>
/// Which service's store the relay reads (its name goes on every published message), and whether writers publish
/// their commits themselves (<see cref="CommitPublisher"/>, configuration <c>Outbox:FastPath</c>, on by default); off,
/// the relay alone publishes everything.
/// </summary>
public sealed record OutboxRelaySettings(string Source, bool FastPath = true);

/// <summary>
/// The event store as outbox: a Marten subscription (run by the async daemon) that publishes every committed event
/// whose type is a message contract, in store order, with the event's id as the message id (so consumers can
/// drop a republished copy) and its sequence in the <see cref="ExchangeHeaders.StoreSequence"/> header.
/// Marten records the subscription's progress only after a page is published, so a crash republishes and never loses.
/// Events that the <see cref="CommitPublisher"/> already published right after their commit are skipped.
/// </summary>
public sealed class OutboxRelay : SubscriptionBase
{
    private static readonly string ContractsNamespace = typeof(ExchangeHeaders).Namespace!;
    private readonly IBus _bus;
    private readonly OutboxRelaySettings _settings;
    private readonly ResiliencePipeline _retry;
    private readonly CommitPublisher _fastPath;

    public OutboxRelay(IBus bus, OutboxRelaySettings settings, CommitPublisher fastPath, ILogger<OutboxRelay> logger)
    {
        _bus = bus;
        _fastPath = fastPath;
        _settings = settings;
        Name = "outbox";
        _retry = PublishRetry.Create(logger, "from the outbox");
    }

    public static bool IsContract(Type type) => type.Namespace?.StartsWith(ContractsNamespace, StringComparison.Ordinal) == true;

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var messages = page.Events.Where(e => IsContract(e.EventType) && !_fastPath.TakePublished(e)).ToList();
        if (messages.Count > 0)
        {
            // Publishes are pipelined (publisher confirms awaited together), not awaited one by one.
            await _retry.ExecuteAsync(
                async ct => await Task.WhenAll(messages.Select(e => Publish(_bus, e, _settings.Source, ct))), cancellationToken);
        }
        _fastPath.Forget(page.SequenceCeiling);
        return NullChangeListener.Instance;
    }

    /// <summary>Publishes one committed event as its contract: the event's id as message id, its sequence and source in headers.</summary>
    public static Task Publish(IBus bus, IEvent e, string source, CancellationToken ct) =>
        bus.Publish(e.Data, e.EventType, context =>
        {
            context.MessageId = e.Id;
            context.Headers.Set(ExchangeHeaders.StoreSequence, e.Sequence);
            context.Headers.Set(ExchangeHeaders.Source, source);
        }, ct);
}
