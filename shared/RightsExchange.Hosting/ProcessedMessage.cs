using NodaTime;

namespace RightsExchange.Hosting;

/// <summary>
/// Inbox record: a message id a consumer has applied, stored in the same Marten transaction as the effect,
/// so a redelivered or republished copy is recognised and changes nothing.
/// </summary>
public sealed record ProcessedMessage(Guid Id, string MessageType, Instant ProcessedAt);
