using System.Text;
using Marten;
using NodaTime;
using Npgsql;
using Polly;
using RightsExchange.Gateway.Webhooks;
using RightsExchange.Hosting;

namespace RightsExchange.Gateway.Feed;

/// <summary>
/// Follows the feed (one gateway instance at a time, <see cref="LeaderLoop"/>), woken by each feed commit. For each page
/// of committed entries, in feed order: publishes the public ones to the RabbitMQ exchange (confirms awaited together),
/// then records a pending <see cref="WebhookDelivery"/> for every active webhook that wants an entry, in the same
/// transaction as its progress, so a crash republishes (same CloudEvent ids) but never skips or doubles a delivery.
/// </summary>
public sealed class FeedRelay(
    IDocumentStore store,
    NpgsqlDataSource db,
    EventLog log,
    PublicExchange exchange,
    FeedCommits commits,
    IClock clock,
    ILogger<FeedRelay> logger
) : LeaderLoop(db, $"rx_feed_relay:{log.Schema}", logger)
{
    /// <summary>Entries per step at most.</summary>
    public const int PageSize = 500;

    /// <summary>How long the relay waits for a commit before it looks anyway.</summary>
    public static readonly TimeSpan PollingTime = TimeSpan.FromMilliseconds(250);

    private const string Follower = "feed";
    private static readonly string FeedEntryType = typeof(FeedEntry).FullName + ",";
    private readonly ResiliencePipeline _retry = PublishRetry.Create(logger, "the public feed");
    private long? _position;

    protected override async Task<bool> Step(CancellationToken ct)
    {
        var position = _position ??= await log.Progress(Follower, ct);
        var settled = await log.ReadAfter(position, PageSize, withData: true, ct);
        if (settled.Count == 0)
            return false;
        var last = settled[^1].Sequence;
        var serializer = store.Options.Serializer();
        var entries = settled
            .Where(e => e.DotNetType.StartsWith(FeedEntryType, StringComparison.Ordinal))
            .Select(e => (Position: e.Sequence, Entry: serializer.FromJson<FeedEntry>(new MemoryStream(Encoding.UTF8.GetBytes(e.Data!)))))
            .ToList();
        await using var session = store.LightweightSession();
        var published = entries.Where(e => e.Entry.IsPublic).ToList();
        if (published.Count > 0)
            await _retry.ExecuteAsync(
                async token => await Task.WhenAll(published.Select(e => exchange.Publish(e.Entry, e.Position, token))),
                ct
            );
        var webhooks = await session.Query<Webhook>().Where(w => w.Active).ToListAsync(ct);
        var now = clock.GetCurrentInstant();
        foreach (var (entryPosition, entry) in entries)
        foreach (var webhook in webhooks.Where(w => w.Wants(entry)))
            session.Store(
                new WebhookDelivery(
                    WebhookDelivery.IdOf(webhook.Id, entryPosition),
                    webhook.Id,
                    webhook.ParticipantId,
                    entryPosition,
                    entry.Id,
                    entry.Type,
                    Encoding.UTF8.GetString(CloudEventRenderer.Render(entry, entryPosition).Span),
                    DeliveryStatus.Pending,
                    [],
                    now
                )
            );
        session.QueueSqlCommand(log.AdvanceSqlForMarten, Follower, last);
        await session.SaveChangesAsync(ct);
        _position = last;
        return settled.Count == PageSize;
    }

    protected override Task Wait(CancellationToken ct) => commits.Next(PollingTime, ct);
}

/// <summary>Wakes the <see cref="FeedRelay"/> when the <see cref="FeedWriter"/> has committed.</summary>
public sealed class FeedCommits
{
    private readonly SemaphoreSlim _committed = new(0, 1);

    /// <summary>Signals a commit (at most one is kept until the relay takes it).</summary>
    public void Committed()
    {
        try
        {
            _committed.Release();
        }
        catch (SemaphoreFullException) { }
    }

    /// <summary>Completes at the next commit, or after <paramref name="timeout"/>.</summary>
    public Task Next(TimeSpan timeout, CancellationToken ct) => _committed.WaitAsync(timeout, ct);
}
