using NodaTime;

// The tamper-evident audit chain over each service's event log. Version 1.
namespace RightsExchange.Contracts.Audit.V1;

/// <summary>
/// Event (every ledger service, periodically): the head of the service's audit chain. A party that keeps this can
/// later prove that the log up to <paramref name="Sequence"/> was not rewritten: the verifier
/// (<c>rx-audit verify --checkpoint</c>) recomputes the chain from the raw event table and must reach the same hash.
/// </summary>
/// <param name="Source">The service's event store schema: accounts, matching or settlement.</param>
/// <param name="Sequence">The event store sequence number of the last event covered.</param>
/// <param name="Hash">SHA-256 chain hash after that event, lowercase hex (64 characters).</param>
/// <param name="Events">How many events the chain covers up to here.</param>
public sealed record AuditCheckpoint(string Source, long Sequence, string Hash, long Events, Instant At);

/// <summary>
/// Which events an audit query returns; every given criterion must hold. An event names a participant, instrument, order
/// or trade when that value is a segment of its stream key (<c>holding:{participant}:{instrument}</c>) or any string in its data.
/// </summary>
/// <param name="Participant">A participant id, e.g. <c>hebei-steel</c>.</param>
/// <param name="Account">A stream key or its prefix: <c>cash:{participant}</c>, <c>holding:{participant}</c> (every position),
/// <c>holding:{participant}:{instrument}</c>, <c>order:{orderId}</c>, <c>book:{instrument}</c>, <c>settlement:{tradeId}</c>.</param>
/// <param name="Instrument">An instrument id, e.g. <c>CEA-2024</c>.</param>
/// <param name="Order">An order id, lowercase with hyphens.</param>
/// <param name="Trade">A trade id (equal to its settlement id), e.g. <c>CEA-2024-00000012</c>.</param>
/// <param name="From">Inclusive lower bound on the event's store timestamp.</param>
/// <param name="To">Exclusive upper bound on the event's store timestamp.</param>
public sealed record AuditEventFilter(
    string? Participant = null,
    string? Account = null,
    string? Instrument = null,
    string? Order = null,
    string? Trade = null,
    Instant? From = null,
    Instant? To = null
);

/// <summary>
/// Request (gateway → the service owning <paramref name="Log"/>, routed by it): events of one service's log in store order,
/// with store sequence above <paramref name="After"/>, at most <paramref name="Limit"/> (1-1,000). Only chained events are
/// returned: the page is cut at the chain head (or at <paramref name="UpTo"/> if given and lower), so each event carries its link.
/// </summary>
/// <param name="Log">The event store schema: accounts, matching, settlement or gateway.</param>
public sealed record GetAuditEvents(string Log, AuditEventFilter Filter, long After, int Limit, long? UpTo = null);

/// <summary>One stored event, exactly as the audit chain hashes it.</summary>
/// <param name="Sequence">The event store's sequence number (<c>seq_id</c>), increasing, with gaps where appends rolled back.</param>
/// <param name="Stream">The stream key.</param>
/// <param name="Version">The event's version in its stream, from 1.</param>
/// <param name="Type">Marten's event type name, e.g. <c>trade_executed</c>.</param>
/// <param name="Timestamp">When the store committed it (microsecond precision).</param>
/// <param name="Data">The stored JSON body as PostgreSQL prints it (<c>data::text</c>): the bytes the chain hashes.</param>
/// <param name="ChainHash">The chain link after this event, lowercase hex SHA-256.</param>
public sealed record AuditLogEvent(
    long Sequence,
    string Stream,
    long Version,
    string Type,
    Instant Timestamp,
    string Data,
    string ChainHash
);

/// <summary>Reply to <see cref="GetAuditEvents"/>.</summary>
/// <param name="CutSequence">The chain head the page was cut at (0 while the chain is empty); pass it as <c>UpTo</c> for the next pages of
/// one export.</param>
/// <param name="CutHash">The chain hash at <paramref name="CutSequence"/>, lowercase hex, or null while the chain is empty.</param>
/// <param name="Next">The <c>After</c> of the next page when this page is full (which may be empty), or null when fewer than the limit were
/// found.</param>
public sealed record AuditEventPage(string Log, IReadOnlyList<AuditLogEvent> Events, long CutSequence, string? CutHash, long? Next);

/// <summary>Request (gateway → the service owning <paramref name="Log"/>): recompute its chain from the raw event table.</summary>
/// <param name="CheckpointSequence">Optional: a kept checkpoint's sequence, to compare the recomputed chain with.</param>
/// <param name="CheckpointHash">Its hash, lowercase hex.</param>
public sealed record VerifyAuditLog(string Log, long? CheckpointSequence = null, string? CheckpointHash = null);

/// <summary>Reply to <see cref="VerifyAuditLog"/>: the verifier's report (as <c>rx-audit verify</c> prints it).</summary>
/// <param name="EventsChecked">Events recomputed up to the head.</param>
/// <param name="Unchained">Events after the head, not yet chained.</param>
/// <param name="Divergence">null when intact; otherwise the first divergence: its sequence, kind (EVENT_ALTERED,
/// EVENT_MISSING, EVENT_NOT_IN_CHAIN, CHECKPOINT_MISMATCH) and a sentence.</param>
public sealed record AuditLogVerification(
    string Log,
    bool Intact,
    long EventsChecked,
    long HeadSequence,
    string? HeadHash,
    long Unchained,
    AuditDivergence? Divergence,
    Instant VerifiedAt
);

/// <summary>Where a recomputed chain first parts from the stored one.</summary>
public sealed record AuditDivergence(long Sequence, string Kind, string Detail);

/// <summary>Refusal of an audit request (an unknown log, a filter the store cannot apply).</summary>
public sealed record AuditQueryRejected(string Reason, string Detail);
