using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using RightsExchange.Contracts;
using RightsExchange.Hosting.Batching;

namespace RightsExchange.Hosting;

/// <summary>
/// Which service's store the relay reads (its name goes on every published batch); whether writers publish their
/// commits themselves (<see cref="CommitPublisher"/>, configuration <c>Outbox:FastPath</c>, on by default; off, the
/// relay alone publishes everything); how often the relay looks for work (<c>Outbox:FastPollingTime</c> after a step
/// that found some, <c>Outbox:SlowPollingTime</c> after one that found none); and how long it leaves a committed event
/// to the fast path before publishing it itself (<c>Outbox:RelayAfter</c>).
/// </summary>
public sealed record OutboxRelaySettings(string Source, bool FastPath = true)
{
    public TimeSpan FastPollingTime { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan SlowPollingTime { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan RelayAfter { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The event store as outbox. One process per service (<see cref="LeaderLoop"/>) follows the store's event table in
/// sequence order (<see cref="EventLog"/>) and publishes, in batches (<see cref="BatchPublisher"/>), every committed
/// event whose type is a message contract and that the <see cref="CommitPublisher"/> has not published: events
/// appended outside a writer, and whatever a crash, a broker fault, a full queue or another instance kept the fast path
/// from publishing. An event the fast path may still publish (younger than <see cref="OutboxRelaySettings.RelayAfter"/>,
/// while the fast path runs) is waited for. Its progress is recorded only after the publishes are confirmed, so a crash
/// republishes and never loses; each entry carries the event's id, and consumers drop a copy they have applied.
/// </summary>
public sealed class OutboxRelay(
    IDocumentStore store,
    NpgsqlDataSource db,
    EventLog log,
    BatchPublisher batches,
    OutboxRelaySettings settings,
    CommitPublisher fastPath,
    ILogger<OutboxRelay> logger
) : LeaderLoop(db, $"rx_outbox:{log.Schema}", logger)
{
    /// <summary>Events read per step at most.</summary>
    public const int PageSize = 1_000;

    private const string Follower = "outbox";
    private static readonly string ContractsNamespace = typeof(ExchangeHeaders).Namespace! + ".";
    private readonly ResiliencePipeline _retry = PublishRetry.Create(logger, "from the outbox");
    private long? _position;
    private bool _found;

    protected override async Task<bool> Step(CancellationToken ct)
    {
        var position = _position ??= await log.Progress(Follower, ct);
        var events = await log.ReadAfter(position, PageSize, withData: false, ct);
        var relayBefore = DateTime.UtcNow - settings.RelayAfter;
        var waitForFastPath = settings.FastPath && !fastPath.Paused;
        var unpublished = new List<long>();
        var last = position;
        foreach (var e in events)
        {
            if (IsContract(e.DotNetType) && !fastPath.TakePublished(e.Id))
            {
                if (waitForFastPath && e.Timestamp > relayBefore)
                    break;
                unpublished.Add(e.Sequence);
            }
            last = e.Sequence;
        }
        if (unpublished.Count > 0)
            await Publish(unpublished, ct);
        _found = last > position;
        if (!_found)
            return false;
        await log.Advance(Follower, last, ct);
        _position = last;
        fastPath.Forget(last);
        return events.Count == PageSize && last == events[^1].Sequence;
    }

    protected override Task Wait(CancellationToken ct) => Task.Delay(_found ? settings.FastPollingTime : settings.SlowPollingTime, ct);

    private async Task Publish(List<long> sequences, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session
            .Events.QueryAllRawEvents()
            .Where(e => sequences.Contains(e.Sequence))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var messages = events.Select(e => new Outgoing(e.Id, e.Sequence, e.Data)).ToList();
        await _retry.ExecuteAsync(async token => await batches.Publish(messages, settings.Source, token), ct);
        logger.LogDebug("Relayed {Count} events the fast path had not published", messages.Count);
    }

    /// <summary>Is an event of <paramref name="dotNetType"/> (as Marten records it) a message contract?</summary>
    public static bool IsContract(string dotNetType) => dotNetType.StartsWith(ContractsNamespace, StringComparison.Ordinal);

    /// <summary>Is <paramref name="type"/> a message contract?</summary>
    public static bool IsContract(Type type) =>
        type.Namespace?.StartsWith(ContractsNamespace.TrimEnd('.'), StringComparison.Ordinal) == true;
}
