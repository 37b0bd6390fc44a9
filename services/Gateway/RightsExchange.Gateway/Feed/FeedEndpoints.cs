using System.Globalization;
using System.Security.Claims;
using System.Text;
using Marten;
using RightsExchange.Contracts.Public.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Feed;

/// <summary>
/// <c>GET /api/feed</c>: the feed as server-sent events. Each message's <c>id</c> is the feed position, its <c>event</c>
/// the CloudEvents type and its <c>data</c> the CloudEvent JSON on one line. Anyone may read the public entries; a
/// trader's token adds the private entries about its own orders. Resume after a disconnect with <c>Last-Event-ID</c>
/// (or <c>?after=</c>): the stream continues with the first entry after that position, with nothing skipped or repeated,
/// because positions become visible in increasing order (see <see cref="FeedWriter"/>). With neither, it starts at the
/// present. <c>?types=</c> (comma-separated) narrows the types. 400 UNKNOWN_EVENT_TYPE, INVALID_LAST_EVENT_ID.
/// The status line and headers go out at once, and an idle stream carries a comment line (<c>: heartbeat</c>) every
/// <c>Feed:Heartbeat</c> (15 s), so proxies and EventSource clients do not take it for a dead connection.
/// </summary>
public static class FeedEndpoints
{
    private const int Batch = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly byte[] HeartbeatLine = ": heartbeat\n\n"u8.ToArray();

    public static void MapFeed(this WebApplication app) =>
        app.MapGet("/api/feed", Stream)
            .WithTags("Subscriptions")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static async Task<IResult> Stream(
        HttpContext http,
        ClaimsPrincipal user,
        IDocumentStore store,
        IConfiguration configuration,
        string? types,
        long? after,
        CancellationToken ct
    )
    {
        // A token that does not validate is refused rather than quietly served the public entries only.
        if (http.Request.Headers.Authorization.Count > 0 && user.Identity?.IsAuthenticated != true)
            return Problem.Of(
                ReasonCodes.InvalidToken,
                "The token was not accepted",
                "Send a valid bearer token, or none for the public entries."
            );
        var lastEventId = http.Request.Headers["Last-Event-ID"].FirstOrDefault();
        long? resumeAfter = after;
        if (!string.IsNullOrEmpty(lastEventId))
        {
            if (!long.TryParse(lastEventId, out var parsed) || parsed < 0)
                return Problem.Of(
                    ReasonCodes.InvalidLastEventId,
                    "Bad Last-Event-ID",
                    "Last-Event-ID is a feed position (a non-negative integer) from an earlier message's id."
                );
            resumeAfter = parsed;
        }
        HashSet<string>? wanted = null;
        if (!string.IsNullOrWhiteSpace(types))
        {
            wanted = types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            if (wanted.FirstOrDefault(t => !CloudEventTypes.Public.Contains(t) && !CloudEventTypes.Private.Contains(t)) is { } unknown)
                return Problem.Of(
                    ReasonCodes.UnknownEventType,
                    "Unknown event type",
                    $"'{unknown}' is not a feed type; see docs/asyncapi.yaml."
                );
        }
        var participant = user.IsInRole(Roles.Trader) ? user.ParticipantId() : null;
        var start = resumeAfter ?? await Head(store, ct);
        var heartbeat = configuration.GetValue("Feed:Heartbeat", TimeSpan.FromSeconds(15));
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.StartAsync(ct);
        try
        {
            await Write(http.Response.Body, store, start, participant, wanted, heartbeat, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The subscriber went away.
        }
        return Results.Empty;
    }

    /// <summary>Writes the feed entries after <paramref name="position"/> that the caller may see, as they are committed.</summary>
    private static async Task Write(
        Stream body,
        IDocumentStore store,
        long position,
        string? participant,
        HashSet<string>? wanted,
        TimeSpan heartbeat,
        CancellationToken ct
    )
    {
        var lastWrite = DateTime.UtcNow;
        while (!ct.IsCancellationRequested)
        {
            IReadOnlyList<JasperFx.Events.IEvent> page;
            await using (var session = store.QuerySession())
            {
                var from = position;
                page = await session
                    .Events.QueryAllRawEvents()
                    .Where(e => e.Sequence > from && e.StreamKey == FeedEntry.StreamKey)
                    .OrderBy(e => e.Sequence)
                    .Take(Batch)
                    .ToListAsync(ct);
            }
            foreach (var e in page)
            {
                position = e.Sequence;
                if (e.Data is not FeedEntry entry || !entry.VisibleTo(participant) || (wanted is not null && !wanted.Contains(entry.Type)))
                    continue;
                // The CloudEvent JSON is rendered on one line, so it is one data field.
                var head = Encoding.UTF8.GetBytes($"id: {e.Sequence.ToString(CultureInfo.InvariantCulture)}\nevent: {entry.Type}\ndata: ");
                await body.WriteAsync(head, ct);
                await body.WriteAsync(CloudEventRenderer.Render(entry, e.Sequence), ct);
                await body.WriteAsync("\n\n"u8.ToArray(), ct);
                lastWrite = DateTime.UtcNow;
            }
            if (DateTime.UtcNow - lastWrite >= heartbeat)
            {
                await body.WriteAsync(HeartbeatLine, ct);
                lastWrite = DateTime.UtcNow;
            }
            await body.FlushAsync(ct);
            if (page.Count < Batch)
                await Task.Delay(Poll, ct);
        }
    }

    private static async Task<long> Head(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var last = await session
            .Events.QueryAllRawEvents()
            .Where(e => e.StreamKey == FeedEntry.StreamKey)
            .OrderByDescending(e => e.Sequence)
            .Select(e => e.Sequence)
            .Take(1)
            .ToListAsync(ct);
        return last.Count > 0 ? last[0] : 0;
    }
}
