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
