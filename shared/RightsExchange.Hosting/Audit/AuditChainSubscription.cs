using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using NodaTime;
using RightsExchange.Contracts.Audit.V1;

namespace RightsExchange.Hosting.Audit;

/// <summary>Which schema's log to chain, and how often (in events) to publish a checkpoint.</summary>
public sealed record AuditChainSettings(string Schema, int CheckpointEvery);

/// <summary>
/// Extends the service's audit chain as the async daemon sees events committed (one leader per service, so restarts
/// and several instances do not fork it), and every <see cref="AuditChainSettings.CheckpointEvery"/> events records a
/// checkpoint and publishes it as <see cref="AuditCheckpoint"/> for anyone outside to keep.
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
            _ready = true;
        }
        var head = await _chain.Extend(page.SequenceCeiling, ct);
        if (head is not null && head.Events - _lastCheckpointEvents >= _settings.CheckpointEvery)
        {
            await _chain.SaveCheckpoint(head, ct);
            await _bus.Publish(new AuditCheckpoint(_settings.Schema, head.Sequence, AuditChain.Hex(head.Hash), head.Events, _clock.GetCurrentInstant()), ct);
            _lastCheckpointEvents = head.Events;
            _logger.LogInformation("Audit chain of {Schema}: checkpoint at event {Sequence}, {Hash}", _settings.Schema, head.Sequence, AuditChain.Hex(head.Hash));
        }
        return NullChangeListener.Instance;
    }
}
