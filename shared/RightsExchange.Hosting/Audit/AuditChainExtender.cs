using MassTransit;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;
using RightsExchange.Contracts.Audit.V1;

namespace RightsExchange.Hosting.Audit;

/// <summary>
/// Which schema's log to chain; how often to publish a checkpoint (after so many events, or after so long with new
/// events); how often to look for new events.
/// </summary>
public sealed record AuditChainSettings(string Schema, int CheckpointEvery, Duration CheckpointInterval)
{
    public TimeSpan PollingTime { get; init; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// Extends the service's audit chain as events are committed, in sequence order, one process per service at a time
/// (<see cref="LeaderLoop"/>; the chain's own lock also keeps two extenders from forking it), and every
/// <see cref="AuditChainSettings.CheckpointEvery"/> events records a checkpoint (or sooner, once
/// <see cref="AuditChainSettings.CheckpointInterval"/> passed with new events) and publishes it as
/// <see cref="AuditCheckpoint"/> for anyone outside to keep.
/// </summary>
public sealed class AuditChainExtender(
    NpgsqlDataSource db,
    AuditChainStore chain,
    AuditChainSettings settings,
    IBus bus,
    IClock clock,
    ILogger<AuditChainExtender> logger
) : LeaderLoop(db, $"rx_audit_extender:{settings.Schema}", logger)
{
    /// <summary>Events chained per step at most: one segment.</summary>
    public const int PageSize = AuditChainStore.MaxSegment;

    private bool _ready;
    private long _lastCheckpointEvents;
    private Instant _lastCheckpointAt;

    protected override async Task<bool> Step(CancellationToken ct)
    {
        if (!_ready)
        {
            await chain.EnsureTables(ct);
            _lastCheckpointEvents = (await chain.LastCheckpoint(ct))?.Events ?? 0;
            _lastCheckpointAt = clock.GetCurrentInstant();
            _ready = true;
        }
        var (head, added) = await chain.Extend(PageSize, ct);
        var now = clock.GetCurrentInstant();
        if (
            head is not null
            && (
                head.Events - _lastCheckpointEvents >= settings.CheckpointEvery
                || (head.Events > _lastCheckpointEvents && now - _lastCheckpointAt >= settings.CheckpointInterval)
            )
        )
        {
            await chain.SaveCheckpoint(head, ct);
            await bus.Publish(new AuditCheckpoint(settings.Schema, head.Sequence, AuditChain.Hex(head.Hash), head.Events, now), ct);
            (_lastCheckpointEvents, _lastCheckpointAt) = (head.Events, now);
            logger.LogInformation(
                "Audit chain of {Schema}: checkpoint at event {Sequence}, {Hash}",
                settings.Schema,
                head.Sequence,
                AuditChain.Hex(head.Hash)
            );
        }
        return added == PageSize;
    }

    protected override Task Wait(CancellationToken ct) => Task.Delay(settings.PollingTime, ct);
}
