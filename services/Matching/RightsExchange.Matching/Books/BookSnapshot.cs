using NodaTime;
using RightsExchange.Matching.Engine;

namespace RightsExchange.Matching.Books;

/// <summary>A book snapshot (document id: the instrument): the book's state after journal event <see cref="Version"/>.</summary>
public sealed record BookSnapshot(string Id, long Version, BookState State, Instant TakenAt);

/// <summary>Section <c>Trading:Snapshots</c>.</summary>
public sealed class SnapshotOptions
{
    /// <summary>A book is snapshotted once this many journal events were written since its last snapshot.</summary>
    public int Every { get; set; } = 1_000;
}
