using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using NodaTime;
using RightsExchange.Contracts.Audit.V1;

namespace RightsExchange.Hosting.Audit;

/// <summary>Which schema's log to chain, and how often to publish a checkpoint: after so many events, or after so long with new events.</summary>
public sealed record AuditChainSettings(string Schema, int CheckpointEvery, Duration CheckpointInterval);

/// <summary>
/// Extends the service's audit chain as the async daemon sees events committed (one leader per service, so restarts
/// and several instances do not fork it), and every <see cref="AuditChainSettings.CheckpointEvery"/> events records a
/// checkpoint (or sooner, once <see cref="AuditChainSettings.CheckpointInterval"/> passed with new events) and
/// publishes it as <see cref="AuditCheckpoint"/> for anyone outside to keep.
/// </summary>
public sealed class AuditChainSubscription : SubscriptionBase
{
    private readonly AuditChainStore _chain;
    private readonly AuditChainSettings _settings;
    private readonly IBus _bus;
    private readonly IClock _clock;
    private readonly ILogger<AuditChainSubscription> _logger;
    private bool _ready;
    private long _lastCheckpointEvents = -1;
    private Instant _lastCheckpointAt;

    public AuditChainSubscription(AuditChainStore chain, AuditChainSettings settings, IBus bus, IClock clock, ILogger<AuditChainSubscription> logger)
    {
        (_chain, _settings, _bus, _clock, _logger) = (chain, settings, bus, clock, logger);
        Name = "audit-chain";
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken ct)
    {
        if (!_ready)
        {
            await _chain.EnsureTables(ct);
            _lastCheckpointEvents = (await _chain.LastCheckpoint(ct))?.Events ?? 0;
            _lastCheckpointAt = _clock.GetCurrentInstant();
            _ready = true;
        }
        var head = await _chain.Extend(page.SequenceCeiling, ct);
        var now = _clock.GetCurrentInstant();
        if (head is not null && (head.Events - _lastCheckpointEvents >= _settings.CheckpointEvery
            || (head.Events > _lastCheckpointEvents && now - _lastCheckpointAt >= _settings.CheckpointInterval)))
        {
            await _chain.SaveCheckpoint(head, ct);
            await _bus.Publish(new AuditCheckpoint(_settings.Schema, head.Sequence, AuditChain.Hex(head.Hash), head.Events, now), ct);
            (_lastCheckpointEvents, _lastCheckpointAt) = (head.Events, now);
            _logger.LogInformation("Audit chain of {Schema}: checkpoint at event {Sequence}, {Hash}", _settings.Schema, head.Sequence, AuditChain.Hex(head.Hash));
        }
        return NullChangeListener.Instance;
    }
}
