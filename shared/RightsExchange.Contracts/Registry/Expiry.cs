using NodaTime;
using RightsExchange.Contracts.Values;

// The registry's expiry of rights past their validity (the accounts service). Version 1.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>
/// Request: expire what is left of a right whose validity has ended (regulator; accounts also does it itself every
/// day just after midnight, Asia/Shanghai). Available units expire; reserved ones expire once their orders close,
/// at the next run; pledged ones stay with their pledge. Rejected: INSTRUMENT_UNKNOWN, NOT_EXPIRED.
/// </summary>
public sealed record ExpireRights(string InstrumentId, string RequestedBy);

/// <summary>Event (stream <c>expiry:{instrumentId}</c>): a holding's available units of a right expired.</summary>
public sealed record RightsExpired(string InstrumentId, string ParticipantId, Quantity Quantity, LocalDate ValidTo, Instant ExpiredAt);
