using NodaTime;

namespace RightsExchange.Contracts.Values;

/// <summary>The exchange's time zone: trading dates, sessions and deadlines are Asia/Shanghai unless an instrument's calendar says
/// otherwise.</summary>
public static class MarketTime
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>The Asia/Shanghai calendar date of <paramref name="at"/>.</summary>
    public static LocalDate TradingDateOf(Instant at) => at.InZone(Zone).Date;
}
