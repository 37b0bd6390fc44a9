using System.Diagnostics;
using System.Threading.Channels;
using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using RightsExchange.Contracts.Messaging.V1;

namespace RightsExchange.Hosting;

/// <summary>
/// How a <see cref="GroupCommitWriter{TCommit}"/> forms its groups (section <c>Messaging:GroupCommit</c>).
/// </summary>
public sealed class GroupCommitSettings
{
    /// <summary>Commands in one group at most.</summary>
    public int MaxGroupSize { get; set; } = 500;

    /// <summary>
    /// How long the writer waits for more commands when fewer than <see cref="MaxGroupSize"/> are waiting and its last
    /// group held more than one, so that groups grow under load; zero commits at once. Idle, a command does not wait.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(1);
}

/// <summary>What became of a command handed to a <see cref="GroupCommitWriter{TCommit}"/>.</summary>
public enum Outcome
{
    /// <summary>Applied and committed now.</summary>
    Applied,

    /// <summary>Its id was applied before (with the same terms, where it has them); nothing was done.</summary>
    AlreadyApplied,

    /// <summary>Its id was applied before with other terms; nothing was done.</summary>
    IdReused,
}

/// <summary>
/// Group commit: consumers hand their commands to one writer, which applies as many as are waiting (up to
/// <see cref="GroupCommitSettings.MaxGroupSize"/>, after lingering <see cref="GroupCommitSettings.Linger"/> for more
/// when it is busy)
/// in order, in one Marten session, and commits once. A consumer's message is
/// acknowledged only after the commit that holds its effect, so nothing is lost on a crash.
/// Each applied message id is recorded in the writer's <see cref="Inbox"/> in the same commit, so a redelivered copy is skipped.
/// A transient fault (<see cref="TransientFaults"/>) retries the group with Polly, with backoff and a bound; any other
/// failure, or the bound passed, retries each of its commands alone, so one bad message cannot sink the others.
/// </summary>
/// <typeparam name="TCommit">The service's unit of work: what one group's commands are applied to.</typeparam>
public abstract class GroupCommitWriter<TCommit> : BackgroundService
{
    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly IDocumentStore _store;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly Polly.ResiliencePipeline _transientRetry;
    private readonly GroupCommitSettings _grouping;
    private readonly CommitPublisher _publisher;
    private readonly Inbox _inbox;
    private readonly string _name;

    protected GroupCommitWriter(
        IDocumentStore store,
        IClock clock,
        ILogger logger,
        RetrySettings retry,
        GroupCommitSettings grouping,
        CommitPublisher publisher
    )
    {
        _grouping = grouping;
        _publisher = publisher;
        _store = store;
        _clock = clock;
        _logger = logger;
        _transientRetry = TransientFaults.Pipeline(retry, logger, $"A commit of {GetType().Name}");
        _inbox = new Inbox(store.Options.DatabaseSchemaName);
        _name = GetType().Name;
    }

    protected IClock Clock => _clock;

    /// <summary>Starts a unit of work over <paramref name="session"/>.</summary>
    protected abstract TCommit Begin(IDocumentSession session);

    /// <summary>
    /// Called once per group, after every command announced what it will read and before any is applied: adds the
    /// reads to <paramref name="batch"/>, which also looks the group's message ids up in the inbox, so a group's reads
    /// take one round trip. Returns what to do once the batch has run, if anything.
    /// </summary>
    protected virtual Action? Prefetch(TCommit commit, Marten.Services.BatchQuerying.IBatchedQuery batch) => null;

    /// <summary>Called once per group after every command was applied, just before the commit.</summary>
    protected virtual void BeforeCommit(TCommit commit) { }

    /// <summary>Called when a group's commit failed, so in-memory state built from it can be dropped.</summary>
    protected virtual void Abandon(TCommit commit) { }

    /// <summary>Called once a group's commit has succeeded, before its commands complete.</summary>
    protected virtual void Committed(TCommit commit) { }

    /// <summary>
    /// Queues <paramref name="apply"/> and completes once its effect is committed (true), or at once if
    /// <paramref name="messageId"/> was already applied (false). Throws what <paramref name="apply"/> or the commit threw.
    /// <paramref name="apply"/> returns whether the message id is to be recorded as applied: a command refused
    /// without any event (a registry request with a bad argument, say) returns false so that it may be sent again corrected.
    /// </summary>
    /// <param name="announce">
    /// Optional: tells the commit what <paramref name="apply"/> will read, so a group's reads are made together.
    /// </param>
    public async Task<bool> Execute(
        Guid messageId,
        string messageType,
        Func<TCommit, Task<bool>> apply,
        CancellationToken ct,
        Action<TCommit>? announce = null
    ) => await Submit(messageId, messageType, null, apply, ct, announce) == Outcome.Applied;

    /// <summary>
    /// As <see cref="Execute"/>, for a request that names its own id: <paramref name="fingerprint"/> (a hash of its terms)
    /// is recorded with the id, and the same id sent again with other terms is <see cref="Outcome.IdReused"/>, not applied.
    /// </summary>
    public async Task<Outcome> Submit(
        Guid messageId,
        string messageType,
        byte[]? fingerprint,
        Func<TCommit, Task<bool>> apply,
        CancellationToken ct,
        Action<TCommit>? announce = null
    )
    {
        var work = new Work(
            messageId,
            messageType,
            fingerprint,
            apply,
            announce,
            Activity.Current?.Context ?? default,
            new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously)
        );
        await _queue.Writer.WriteAsync(work, ct);
        return await work.Done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Queues every entry of <paramref name="context"/>'s batch as a command of its own (its own message id, so an
    /// entry applied before is skipped), in order and all at once, so that they are usually committed together, and
    /// completes when every one is committed. Throws, once all have finished, the first failure.
    /// </summary>
    /// <param name="apply">As for <see cref="Execute"/>: applies one entry, returns whether its id is to be recorded.</param>
    /// <param name="announce">Optional: tells the commit what applying an entry will read.</param>
    public async Task ExecuteBatch<T>(
        ConsumeContext<MessageBatch<T>> context,
        Func<TCommit, BatchEntry<T>, Task<bool>> apply,
        Action<TCommit, T>? announce = null
    )
        where T : class
    {
        var ct = context.CancellationToken;
        var works = new List<Work>(context.Message.Entries.Count);
        foreach (var entry in context.Message.Entries)
        {
            var work = new Work(
                entry.MessageId,
                typeof(T).Name,
                null,
                commit => apply(commit, entry),
                announce is null ? null : commit => announce(commit, entry.Message),
                ExchangeTracing.Parse(entry.TraceParent),
                new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously)
            );
            await _queue.Writer.WriteAsync(work, ct);
            works.Add(work);
        }
        await Task.WhenAll(works.Select(w => w.Done.Task)).WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var max = _grouping.MaxGroupSize;
        var group = new List<Work>(max);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                var previous = group.Count;
                group.Clear();
                while (group.Count < max && _queue.Reader.TryRead(out var work))
                    group.Add(work);
                // Lingering pays only under load: after a group of one, a lone command commits at once.
                if (group.Count < max && previous > 1 && _grouping.Linger > TimeSpan.Zero)
                {
                    await Task.Delay(_grouping.Linger, CancellationToken.None);
                    while (group.Count < max && _queue.Reader.TryRead(out var work))
                        group.Add(work);
                }
                if (!await TryGroup(group))
                {
                    foreach (var work in group)
                        await TryGroup([work]);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        // Whatever comes after this is refused at once (ChannelClosedException) rather than waiting for a writer that is gone.
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var left))
            left.Done.TrySetCanceled(stoppingToken);
    }

    /// <summary>
    /// Applies and commits one group, again from the start after a transient fault. It is not cancelled when the host
    /// stops: a commit cut half-way can leave its transaction open on a connection that outlives the store, and an open
    /// transaction holding event sequence numbers stalls every reader of the event log (the outbox included). The host
    /// waits for the group to finish.
    /// </summary>
    private async Task<bool> TryGroup(List<Work> group)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        (List<Work> Applied, List<(Work, bool Reused)> Skipped, IReadOnlyList<JasperFx.Events.IEvent> Events, TCommit Commit) outcome;
        try
        {
            outcome = await _transientRetry.ExecuteAsync(async _ => await Commit(group), CancellationToken.None);
        }
        catch (Exception ex)
        {
            if (group.Count > 1)
            {
                _logger.LogWarning(ex, "A group of {Count} commands failed to commit; applying them one by one", group.Count);
                return false;
            }
            group[0].Done.TrySetException(ex);
            return true;
        }
        _publisher.Committed(outcome.Events);
        Committed(outcome.Commit);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        ExchangeMetrics.Committed(GetType().Name, group.Count, elapsed, outcome.Events);
        _logger.LogDebug("Committed a group of {Count} commands in {Elapsed:0.0} ms", group.Count, elapsed.TotalMilliseconds);
        foreach (var work in outcome.Applied)
            work.Done.TrySetResult(Outcome.Applied);
        foreach (var (work, reused) in outcome.Skipped)
            work.Done.TrySetResult(reused ? Outcome.IdReused : Outcome.AlreadyApplied);
        return true;
    }

    /// <summary>
    /// One attempt at a group: a fresh session and unit of work, every fresh command applied, one commit. Returns the events
    /// the commit appended, with their store sequences.
    /// </summary>
    private async Task<(
        List<Work> Applied,
        List<(Work, bool Reused)> Skipped,
        IReadOnlyList<JasperFx.Events.IEvent> Events,
        TCommit Commit
    )> Commit(List<Work> group)
    {
        var ct = CancellationToken.None;
        await using var session = _store.LightweightSession();
        var commit = Begin(session);
        var done = new List<Work>(group.Count);
        var skipped = new List<(Work, bool Reused)>();
        try
        {
            var ids = group.Select(w => w.MessageId).Distinct().ToArray();
            foreach (var work in group)
                work.Announce?.Invoke(commit);
            var batch = session.CreateBatchQuery();
            var applied = _inbox.Applied(batch, ids);
            var fetched = Prefetch(commit, batch);
            await batch.Execute(ct);
            fetched?.Invoke();
            var seen = (await applied).ToDictionary(a => a.Id, a => a.Fingerprint);
            var fresh = new List<Work>(group.Count);
            foreach (var work in group)
            {
                if (seen.TryAdd(work.MessageId, work.Fingerprint))
                    fresh.Add(work);
                else
                    skipped.Add((work, Reused(seen[work.MessageId], work.Fingerprint)));
            }
            var recorded = new List<Inbox.Entry>(fresh.Count);
            foreach (var work in fresh)
            {
                using var span = ExchangeTracing.Apply(_name, work.MessageType, work.Parent);
                if (await work.Apply(commit))
                    recorded.Add(new Inbox.Entry(work.MessageId, work.MessageType, work.Fingerprint));
                done.Add(work);
            }
            _inbox.Record(session, recorded);
            BeforeCommit(commit);
            var events = session.PendingChanges.Streams().SelectMany(s => s.Events).ToList();
            await session.SaveChangesAsync(ct);
            return (done, skipped, events, commit);
        }
        catch
        {
            Abandon(commit);
            throw;
        }
    }

    // Terms are compared only when both the recorded and the repeated request carry them.
    private static bool Reused(byte[]? recorded, byte[]? repeated) =>
        recorded is not null && repeated is not null && !recorded.AsSpan().SequenceEqual(repeated);

    private sealed record Work(
        Guid MessageId,
        string MessageType,
        byte[]? Fingerprint,
        Func<TCommit, Task<bool>> Apply,
        Action<TCommit>? Announce,
        ActivityContext Parent,
        TaskCompletionSource<Outcome> Done
    );
}
