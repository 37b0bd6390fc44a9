using NodaTime;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Accounts.Corridors;

/// <summary>A transfer waited in the corridor's queue.</summary>
public sealed record CorridorTransferQueued(TransferUnits Request, decimal RemainingThen, Instant At);

/// <summary>A transfer went through the corridor, using <paramref name="Quantity"/> of year <paramref name="Year"/>'s volume.</summary>
public sealed record CorridorTransferMade(Guid TransferId, decimal Quantity, int Year, Instant At);

/// <summary>A queued transfer failed its checks when its turn came and left the queue.</summary>
public sealed record CorridorTransferDropped(Guid TransferId, string Reason, string Detail, Instant At);

/// <summary>Water moved back into the basin from the corridor's region (a back-trade, or a reversal): that much volume is free again this
/// year.</summary>
public sealed record CorridorCapacityReturned(Guid TransferId, decimal Quantity, int Year, Instant At);
