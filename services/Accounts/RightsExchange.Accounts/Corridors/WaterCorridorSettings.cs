namespace RightsExchange.Accounts.Corridors;

/// <summary>
/// A configured corridor (<c>Registry:WaterCorridors</c>): water rights of basin <see cref="FromBasin"/> may move to
/// participants whose home region lies in <see cref="ToRegion"/>, up to <see cref="VolumePerYear"/> (the right's unit,
/// m³/yr) a year, Asia/Shanghai. Source: the Murray-Darling Basin's inter-valley trade limits (market-rules.md).
/// </summary>
public sealed class WaterCorridorSettings
{
    public string Id { get; set; } = "";
    public string FromBasin { get; set; } = "";
    public string ToRegion { get; set; } = "";
    public decimal VolumePerYear { get; set; }

    /// <summary>True when a water right of <paramref name="basin"/> moving to a participant of <paramref name="homeRegion"/> takes this
    /// corridor.</summary>
    public bool Carries(string basin, string homeRegion) =>
        basin == FromBasin && (homeRegion == ToRegion || homeRegion.StartsWith(ToRegion + "-", StringComparison.Ordinal));
}
