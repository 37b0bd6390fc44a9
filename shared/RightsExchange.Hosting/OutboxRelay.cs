using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Logging;
using Polly;
using RightsExchange.Contracts;
using RightsExchange.Hosting.Batching;

namespace RightsExchange.Hosting;

/// <summary>
/// Which service's store the relay reads (its name goes on every published message), and whether writers publish
/// their commits themselves (<see cref="CommitPublisher"/>, configuration <c>Outbox:FastPath</c>, on by default); off,
/// the relay alone publishes everything.
/// </summary>
public sealed record OutboxRelaySettings(string Source, bool FastPath = true);

/// <summary>
/// The event store as outbox: a Marten subscription (run by the async daemon) that publishes every committed event
/// whose type is a message contract, in store order, in batches (<see cref="BatchPublisher"/>), each entry with the
/// event's id as its message id (so consumers can drop a republished copy) and its store sequence.
/// Marten records the subscription's progress only after a page is published, so a crash republishes and never loses.
/// Events that the <see cref="CommitPublisher"/> already published right after their commit are skipped.
/// </summary>
public sealed class OutboxRelay : SubscriptionBase
{
    private static readonly string ContractsNamespace = typeof(ExchangeHeaders).Namespace!;
    private readonly BatchPublisher _batches;
    private readonly OutboxRelaySettings _settings;
    private readonly ResiliencePipeline _retry;
    private readonly CommitPublisher _fastPath;

    public OutboxRelay(BatchPublisher batches, OutboxRelaySettings settings, CommitPublisher fastPath, ILogger<OutboxRelay> logger)
    {
        _batches = batches;
        _fastPath = fastPath;
        _settings = settings;
        Name = "outbox";
        _retry = PublishRetry.Create(logger, "from the outbox");
    }

    public static bool IsContract(Type type) => type.Namespace?.StartsWith(ContractsNamespace, StringComparison.Ordinal) == true;

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var messages = page.Events.Where(e => IsContract(e.EventType) && !_fastPath.TakePublished(e))
            .Select(e => new Outgoing(e.Id, e.Sequence, e.Data)).ToList();
        if (messages.Count > 0)
            await _retry.ExecuteAsync(async ct => await _batches.Publish(messages, _settings.Source, ct), cancellationToken);
        _fastPath.Forget(page.SequenceCeiling);
        return NullChangeListener.Instance;
    }
}
