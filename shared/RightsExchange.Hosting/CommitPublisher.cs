using System.Collections.Concurrent;
using System.Threading.Channels;
using JasperFx.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RightsExchange.Hosting.Batching;

namespace RightsExchange.Hosting;

/// <summary>
/// The outbox's fast path: a writer hands over each group's events right after its commit, and this publishes their
/// contracts in commit order, as batches (<see cref="BatchPublisher"/>): the groups committed while the previous
/// publish was in flight go out together, one batch per type, their confirms awaited before the next publish. Each
/// entry carries the event's id and sequence, exactly as the <see cref="OutboxRelay"/> would publish it.
/// What it published is remembered until the relay reaches it, and the relay skips it; what it did not (a crash, a
/// broker fault, a full queue, a process that is not the relay's leader) the relay publishes as before, so nothing
/// committed is lost and the wait for the async daemon is off the order's path.
/// Store order holds across the two paths: once a group is left to the relay, every later group is too, until the
/// relay has gone past the last of them.
/// </summary>
public sealed class CommitPublisher(BatchPublisher batches, OutboxRelaySettings settings, ILogger<CommitPublisher> logger)
    : BackgroundService
{
    /// <summary>Event ids remembered at most; past it the memory is dropped, which costs only republished copies.</summary>
    public const int MaxRemembered = 200_000;

    private readonly Channel<IReadOnlyList<IEvent>> _committed = Channel.CreateBounded<IReadOnlyList<IEvent>>(
        new BoundedChannelOptions(1_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite }
    );
    private readonly ConcurrentDictionary<Guid, long> _published = new();

    // The store sequence the relay must pass before the fast path publishes again; 0 when it is not paused.
    private long _pausedUntil;

    /// <summary>
    /// Queues the contract events of a committed group. Never waits: the group is left to the relay when the queue is
    /// full, while the fast path is paused, and when <see cref="OutboxRelaySettings.FastPath"/> is off. A group with
    /// an event whose store sequence is unknown is left to the relay, and the fast path stops for good.
    /// </summary>
    public void Committed(IEnumerable<IEvent> events)
    {
        if (!settings.FastPath)
            return;
        var contracts = events.Where(e => OutboxRelay.IsContract(e.EventType)).ToList();
        if (contracts.Count == 0)
            return;
        if (Volatile.Read(ref _pausedUntil) == 0 && contracts.All(e => e.Sequence > 0) && _committed.Writer.TryWrite(contracts))
            return;
        LeaveToRelay(contracts);
    }

    /// <summary>True, once, if the event <paramref name="eventId"/> was already published here; the relay then skips it.</summary>
    public bool TakePublished(Guid eventId) => _published.TryRemove(eventId, out _);

    /// <summary>True while groups are left to the relay (until it has gone past the last of them).</summary>
    public bool Paused => Volatile.Read(ref _pausedUntil) != 0;

    /// <summary>
    /// The relay has gone past <paramref name="sequence"/>: forgets what was published up to it, and resumes the fast
    /// path if every group left to the relay is behind it.
    /// </summary>
    public void Forget(long sequence)
    {
        foreach (var (id, at) in _published)
        {
            if (at <= sequence)
                _published.TryRemove(id, out _);
        }
        var paused = Volatile.Read(ref _pausedUntil);
        if (paused != 0 && sequence >= paused)
            Interlocked.CompareExchange(ref _pausedUntil, 0, paused);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _committed.Reader;
        var groups = new List<IReadOnlyList<IEvent>>();
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            groups.Clear();
            while (reader.TryRead(out var group))
                groups.Add(group);
            var events = groups.SelectMany(g => g).ToList();
            if (Volatile.Read(ref _pausedUntil) != 0)
            {
                LeaveToRelay(events);
                continue;
            }
            try
            {
                var messages = events.Select(e => new Outgoing(e.Id, e.Sequence, e.Data, ExchangeTracing.Of(e.Data))).ToList();
                await batches.Publish(messages, settings.Source, stoppingToken);
                if (_published.Count > MaxRemembered)
                    _published.Clear();
                foreach (var e in events)
                    _published[e.Id] = e.Sequence;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Publishing {Count} committed events failed; the outbox relay will publish them", events.Count);
                LeaveToRelay(events);
            }
        }
    }

    /// <summary>Pauses the fast path until the relay has gone past <paramref name="group"/>.</summary>
    private void LeaveToRelay(IReadOnlyList<IEvent> group)
    {
        var last = group.Any(e => e.Sequence <= 0) ? long.MaxValue : group.Max(e => e.Sequence);
        long seen;
        do
        {
            seen = Volatile.Read(ref _pausedUntil);
            if (seen >= last)
                return;
        } while (Interlocked.CompareExchange(ref _pausedUntil, last, seen) != seen);
    }
}
