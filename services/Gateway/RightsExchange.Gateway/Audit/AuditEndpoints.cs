using System.Runtime.CompilerServices;
using System.Text.Json;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Audit.V1;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;
using RightsExchange.Hosting.Audit;

namespace RightsExchange.Gateway.Audit;

/// <summary>Query string of <c>GET /api/audit/events</c> and its export.</summary>
/// <param name="Log">accounts, matching, settlement or gateway (required).</param>
/// <param name="Account">A stream key or prefix, e.g. <c>cash:hebei-steel</c>, <c>holding:hebei-steel</c>.</param>
/// <param name="From">ISO-8601 instant, inclusive.</param>
/// <param name="To">ISO-8601 instant, exclusive.</param>
/// <param name="After">Store sequence to continue after (the previous page's <c>next</c>).</param>
/// <param name="UpTo">Cut the answer at this sequence (the first page's <c>cut.sequence</c>, to page through one fixed cut); the chain head
/// by default.</param>
/// <param name="Limit">Page size, 1-1,000 (default 100); ignored by exports, which stream everything.</param>
public sealed record AuditEventsQuery(
    string? Log,
    string? Participant,
    string? Account,
    string? Instrument,
    string? Order,
    string? Trade,
    string? From,
    string? To,
    long? After,
    long? UpTo,
    int? Limit,
    string? Format
);

/// <summary>The cut an answer was computed at: a point of the log's audit chain (<c>rx-audit verify --checkpoint
/// log:sequence:hash</c>).</summary>
public sealed record AuditCut(string Log, long Sequence, string? Hash)
{
    public override string ToString() => $"{Log}:{Sequence}:{Hash}";
}

/// <summary>A page of <c>GET /api/audit/events</c>.</summary>
/// <param name="Next">Pass as <c>after</c> for the next page; null at the end.</param>
public sealed record AuditEventsPage(AuditCut Cut, IReadOnlyList<AuditEventView> Events, long? Next);

/// <summary>Answer of <c>GET /api/audit/chains</c>: every ledger log's chain verified, and whether all are intact.</summary>
public sealed record ChainReport(bool Intact, IReadOnlyList<AuditLogVerification> Logs);

/// <summary>Everything that happened to one order, from every log, in time order.</summary>
public sealed record OrderPath(Guid OrderId, IReadOnlyList<string> Trades, IReadOnlyList<AuditEventView> Events);

/// <summary>
/// The regulators' audit API (role <c>regulator</c>, read-only). Events, exports and positions state the chain cut they
/// were computed at in the <c>RX-Audit-Cut</c> header (<c>log:sequence:hash</c>), events and positions in the body too.
/// Errors are problem details: 400 UNKNOWN_LOG, INVALID_INSTANT, INVALID_ORDER_ID, INVALID_LIMIT, INVALID_FORMAT,
/// INVALID_CHECKPOINT, DAYS_OUT_OF_RANGE; 404 ORDER_UNKNOWN.
/// </summary>
public static class AuditEndpoints
{
    private const string CutHeader = "RX-Audit-Cut";
    private const int ExportPage = 500;
    private static readonly string[] LedgerLogs = ["accounts", "matching", "settlement"];

    public static void MapAudit(this WebApplication app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Roles.Regulator);
        audit.MapGet("/events", Events).Produces<AuditEventsPage>();
        audit.MapGet("/events/export", Export).Produces(StatusCodes.Status200OK, responseType: null, "text/csv", "application/jsonl");
        audit.MapGet("/orders/{orderId}/path", PathOf).Produces<OrderPath>(StatusCodes.Status200OK, "application/json", Exports.FileTypes);
        audit.MapGet("/positions", Positions).Produces<PositionReport>(StatusCodes.Status200OK, "application/json", Exports.FileTypes);
        audit
            .MapGet("/instruments/{instrumentId}/days", Days)
            .Produces<DailyStatistics>(StatusCodes.Status200OK, "application/json", Exports.FileTypes);
        audit.MapGet("/chains", Chains).Produces<ChainReport>();
    }

    /// <summary>
    /// <c>GET /api/audit/events?log=accounts</c>, filtered by <c>participant</c>, <c>account</c>, <c>instrument</c>,
    /// <c>order</c>, <c>trade</c>, <c>from</c>, <c>to</c>, paged by <c>after</c>, <c>upTo</c> and <c>limit</c>:
    /// one page of a log's events in store order (sequence, stream, version, type, timestamp, chain hash, data as stored),
    /// cut at the chain head, or at <c>upTo</c> to page through the first page's cut.
    /// </summary>
    private static async Task<IResult> Events(
        [AsParameters] AuditEventsQuery q,
        HttpContext http,
        IRequestClient<GetAuditEvents> client,
        CancellationToken ct
    )
    {
        if (Parse(q, http.RequestServices.GetRequiredService<InputLimits>(), out var request) is { } problem)
            return problem;
        var limit = q.Limit ?? 100;
        if (limit is < 1 or > AuditLogQueryConsumer.MaxLimit)
            return Problem.Of(ReasonCodes.InvalidLimit, "Bad limit", $"limit must be between 1 and {AuditLogQueryConsumer.MaxLimit}.");
        var page = await Fetch(client, request! with { Limit = limit }, ct);
        var cut = new AuditCut(page.Log, page.CutSequence, page.CutHash);
        http.Response.Headers[CutHeader] = cut.ToString();
        return Results.Ok(new AuditEventsPage(cut, page.Events.Select(e => AuditEventView.Of(page.Log, e)).ToList(), page.Next));
    }

    /// <summary>
    /// <c>GET /api/audit/events/export?log=...&amp;format=csv|jsonl</c> (same criteria as <c>/events</c>): every matching event
    /// up to the chain head at the start, streamed page by page. The cut is in the <c>RX-Audit-Cut</c> header; an
    /// unfiltered export can be checked link by link against it.
    /// </summary>
    private static async Task<IResult> Export(
        [AsParameters] AuditEventsQuery q,
        HttpContext http,
        IRequestClient<GetAuditEvents> client,
        CancellationToken ct
    )
    {
        if (Parse(q, http.RequestServices.GetRequiredService<InputLimits>(), out var request) is { } problem)
            return problem;
        if (Exports.ParseFormat(q.Format ?? "csv") is not { } format || format == ExportFormat.Json)
            return Problem.Of(ReasonCodes.InvalidFormat, "Bad format", "An export's format is csv or jsonl.");
        var first = await Fetch(client, request! with { Limit = ExportPage }, ct);
        var cut = new AuditCut(first.Log, first.CutSequence, first.CutHash);
        http.Response.Headers[CutHeader] = cut.ToString();
        return Results.Stream(
            body =>
                Exports.Write(body, format, Pages(client, request! with { Limit = ExportPage, UpTo = first.CutSequence }, first, ct), ct),
            Exports.ContentType(format),
            $"{first.Log}-events-to-{first.CutSequence}.{format.ToString().ToLowerInvariant()}"
        );
    }

    private static async IAsyncEnumerable<IReadOnlyList<AuditEventView>> Pages(
        IRequestClient<GetAuditEvents> client,
        GetAuditEvents request,
        AuditEventPage first,
        [EnumeratorCancellation] CancellationToken ct
    )
    {
        var page = first;
        while (true)
        {
            yield return page.Events.Select(e => AuditEventView.Of(page.Log, e)).ToList();
            if (page.Next is not { } next)
                yield break;
            page = await Fetch(client, request with { After = next }, ct);
        }
    }

    /// <summary>
    /// <c>GET /api/audit/orders/{orderId}/path</c>: the order's whole life from every ledger log, in time order: funding
    /// and reservation (accounts), acceptance, each fill and its ending (matching), each settlement (settlement) and each
    /// ledger movement it caused (accounts). <c>?format=csv|jsonl</c> exports the events. 404 when no log names the order.
    /// </summary>
    private static async Task<IResult> PathOf(string orderId, string? format, IRequestClient<GetAuditEvents> client, CancellationToken ct)
    {
        if (!Guid.TryParse(orderId, out var id))
            return Problem.Of(ReasonCodes.InvalidOrderId, "Bad order id", "An order id is a UUID.");
        if (Exports.ParseFormat(format) is not { } f)
            return BadFormat();
        var events = new Dictionary<(string, long), AuditEventView>();
        foreach (var log in LedgerLogs)
        await foreach (var e in All(client, log, new AuditEventFilter(Order: id.ToString("D")), ct))
            events[(log, e.Sequence)] = e;
        if (events.Count == 0)
            return Problem.Of(ReasonCodes.OrderUnknown, "No such order", $"No log names order {id}.");
        var trades = events
            .Values.Where(e => e is { Log: "matching", Type: "trade_executed" })
            .Select(e => TradeIdOf(e.Data.Text))
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var trade in trades)
        foreach (var log in new[] { "settlement", "accounts" })
        await foreach (var e in All(client, log, new AuditEventFilter(Trade: trade), ct))
            events[(log, e.Sequence)] = e;
        var ordered = events
            .Values.OrderBy(e => e.Timestamp, StringComparer.Ordinal)
            .ThenBy(e => Array.IndexOf(LedgerLogs, e.Log))
            .ThenBy(e => e.Sequence)
            .ToList();
        return f == ExportFormat.Json
            ? Results.Ok(new OrderPath(id, trades, ordered))
            : Results.Stream(body => Exports.Write(body, f, Exports.Once(ordered), ct), Exports.ContentType(f));
    }

    private static async IAsyncEnumerable<AuditEventView> All(
        IRequestClient<GetAuditEvents> client,
        string log,
        AuditEventFilter filter,
        [EnumeratorCancellation] CancellationToken ct
    )
    {
        var request = new GetAuditEvents(log, filter, 0, AuditLogQueryConsumer.MaxLimit);
        while (true)
        {
            var page = await Fetch(client, request, ct);
            foreach (var e in page.Events)
                yield return AuditEventView.Of(log, e);
            if (page.Next is not { } next)
                yield break;
            request = request with { After = next, UpTo = page.CutSequence };
        }
    }

    private static string? TradeIdOf(string data)
    {
        using var json = JsonDocument.Parse(data);
        foreach (var p in json.RootElement.EnumerateObject())
            if (p.Name.Equals("TradeId", StringComparison.OrdinalIgnoreCase))
                return p.Value.GetString();
        return null;
    }

    /// <summary>
    /// <c>GET /api/audit/positions?participant=&amp;instrument=&amp;asOf=&amp;format=json|csv|jsonl</c>: holdings (available and
    /// reserved, in each instrument's unit) as of an instant (default now), for one participant's holding account, for every
    /// holder of one instrument, or both; folded from the registry's events up to the accounts chain's head.
    /// </summary>
    private static async Task<IResult> Positions(
        string? participant,
        string? instrument,
        string? asOf,
        string? format,
        HttpContext http,
        IRequestClient<GetPositions> client,
        CancellationToken ct
    )
    {
        if (ParseInstant(asOf, "asOf", http.RequestServices.GetRequiredService<InputLimits>(), out var at) is { } bad)
            return bad;
        if (Exports.ParseFormat(format) is not { } f)
            return BadFormat();
        var report = (await client.GetResponse<PositionReport>(new GetPositions(participant, instrument, at), ct)).Message;
        http.Response.Headers[CutHeader] = new AuditCut("accounts", report.CutSequence, report.CutHash).ToString();
        return f == ExportFormat.Json
            ? Results.Ok(report)
            : Results.Stream(body => Exports.Write(body, f, Exports.Once(report.Positions), ct), Exports.ContentType(f));
    }

    /// <summary>
    /// <c>GET /api/audit/instruments/{id}/days?days=30&amp;format=json|csv|jsonl</c>: per closed trading day, open, high, low,
    /// close, volume, turnover (CNY) and trade count, newest first. 400 DAYS_OUT_OF_RANGE outside 1..366.
    /// </summary>
    private static async Task<IResult> Days(
        string instrumentId,
        string? format,
        IRequestClient<GetDailyStatistics> client,
        CancellationToken ct,
        int days = 30
    )
    {
        if (days is < 1 or > 366)
            return Problem.Of(ReasonCodes.DaysOutOfRange, "Bad day count", "days must be between 1 and 366.");
        if (Exports.ParseFormat(format) is not { } f)
            return BadFormat();
        var statistics = (await client.GetResponse<DailyStatistics>(new GetDailyStatistics(instrumentId, days), ct)).Message;
        return f == ExportFormat.Json
            ? Results.Ok(statistics)
            : Results.Stream(body => Exports.Write(body, f, Exports.Once(statistics.Days), ct), Exports.ContentType(f));
    }

    /// <summary>
    /// <c>GET /api/audit/chains?checkpoint=accounts:126:f3c6...</c> (checkpoint optional, repeatable): each ledger log's chain
    /// recomputed from its raw event table by the service that owns it, with the first divergence if any; read-only.
    /// </summary>
    private static async Task<IResult> Chains(string[]? checkpoint, IRequestClient<VerifyAuditLog> client, CancellationToken ct)
    {
        var kept = new Dictionary<string, (long Sequence, string Hash)>();
        foreach (var text in checkpoint ?? [])
        {
            var parts = text.Split(':');
            if (parts.Length != 3 || !LedgerLogs.Contains(parts[0]) || !long.TryParse(parts[1], out var sequence))
                return Problem.Of(
                    ReasonCodes.InvalidCheckpoint,
                    "Bad checkpoint",
                    $"'{text}' is not log:sequence:hash with log one of {string.Join(", ", LedgerLogs)}."
                );
            kept[parts[0]] = (sequence, parts[2].ToLowerInvariant());
        }
        var reports = new List<AuditLogVerification>();
        foreach (var log in LedgerLogs)
        {
            var request = kept.TryGetValue(log, out var c) ? new VerifyAuditLog(log, c.Sequence, c.Hash) : new VerifyAuditLog(log);
            var response = await client.GetResponse<AuditLogVerification, AuditQueryRejected>(request, ct, RequestTimeout.After(m: 2));
            if (response.Is(out Response<AuditQueryRejected>? rejected))
                return Problem.Of(rejected!.Message.Reason, "Bad checkpoint", rejected.Message.Detail);
            response.Is(out Response<AuditLogVerification>? report);
            reports.Add(report!.Message);
        }
        return Results.Ok(new ChainReport(reports.All(r => r.Intact), reports));
    }

    private static async Task<AuditEventPage> Fetch(IRequestClient<GetAuditEvents> client, GetAuditEvents request, CancellationToken ct)
    {
        var response = await client.GetResponse<AuditEventPage, AuditQueryRejected>(request, ct);
        if (response.Is(out Response<AuditEventPage>? page))
            return page!.Message;
        response.Is(out Response<AuditQueryRejected>? rejected);
        throw new InvalidOperationException($"{rejected!.Message.Reason}: {rejected.Message.Detail}");
    }

    private static IResult? Parse(AuditEventsQuery q, InputLimits limits, out GetAuditEvents? request)
    {
        request = null;
        if (q.Log is null || !AuditLogRouting.Logs.Contains(q.Log))
            return Problem.Of(ReasonCodes.UnknownLog, "Unknown log", $"log must be one of {string.Join(", ", AuditLogRouting.Logs)}.");
        if (ParseInstant(q.From, "from", limits, out var from) is { } badFrom)
            return badFrom;
        if (ParseInstant(q.To, "to", limits, out var to) is { } badTo)
            return badTo;
        string? order = null;
        if (q.Order is not null)
        {
            if (!Guid.TryParse(q.Order, out var id))
                return Problem.Of(ReasonCodes.InvalidOrderId, "Bad order id", "order is a UUID.");
            order = id.ToString("D");
        }
        request = new GetAuditEvents(
            q.Log,
            new AuditEventFilter(q.Participant, q.Account, q.Instrument, order, q.Trade, from, to),
            q.After ?? 0,
            100,
            q.UpTo
        );
        return null;
    }

    private static IResult? ParseInstant(string? text, string name, InputLimits limits, out Instant? value)
    {
        value = null;
        if (text is null)
            return null;
        if (limits.ParseInstant(text, out var at) is { } why)
            return Problem.Of(ReasonCodes.InvalidInstant, $"{name} is not an accepted instant", $"{name}: {why}");
        value = at;
        return null;
    }

    private static IResult BadFormat() => Problem.Of(ReasonCodes.InvalidFormat, "Bad format", "format is json, csv or jsonl.");
}
