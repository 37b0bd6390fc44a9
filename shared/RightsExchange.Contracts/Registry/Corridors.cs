using NodaTime;

// Capacity-limited water corridors. Version 1.
// A corridor lets water rights of one basin move off the exchange to participants of one region outside it, up to a
// volume per year (Asia/Shanghai), without a cross-region approval, as the Murray-Darling Basin's inter-valley trade
// limits do. A transfer beyond the volume left waits in the corridor's queue, first come, first served, and is made
// when capacity frees: a new year, or a corridor transfer reversed. GET /api/water-corridors answers GetWaterCorridors.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>Request: every configured corridor's capacity this year and its queue.</summary>
public sealed record GetWaterCorridors;

/// <summary>Reply to <see cref="GetWaterCorridors"/>.</summary>
public sealed record WaterCorridorList(IReadOnlyList<WaterCorridorView> Corridors);

/// <summary>
/// One corridor now: <paramref name="Volume"/> per year, <paramref name="Used"/> and <paramref name="Remaining"/> in
/// <paramref name="Period"/> (the year, Asia/Shanghai), in the water right's unit (m³/yr); the transfers waiting in
/// order; and the queued transfers dropped because their checks failed when their turn came.
/// </summary>
public sealed record WaterCorridorView(
    string CorridorId,
    string FromBasin,
    string ToRegion,
    int Period,
    decimal Volume,
    decimal Used,
    decimal Remaining,
    IReadOnlyList<QueuedCorridorTransfer> Queue,
    IReadOnlyList<DroppedCorridorTransfer> Dropped
);

/// <summary>
/// A transfer waiting for corridor capacity, at <paramref name="Position"/> (1 is served next). Through the API the
/// parties are shown to a regulator and to the parties themselves, null to anyone else.
/// </summary>
public sealed record QueuedCorridorTransfer(
    int Position,
    Guid TransferId,
    string InstrumentId,
    string? FromParticipantId,
    string? ToParticipantId,
    decimal Quantity,
    Instant QueuedAt
);

/// <summary>A queued transfer that was not made when its turn came, with the reason (e.g. INSUFFICIENT_UNITS).</summary>
public sealed record DroppedCorridorTransfer(Guid TransferId, string Reason, string Detail, Instant DroppedAt);
