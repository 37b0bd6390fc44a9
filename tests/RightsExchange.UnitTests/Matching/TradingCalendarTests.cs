using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Matching.Engine;

namespace RightsExchange.UnitTests.Matching;

public class TradingCalendarTests
{
    private static readonly TradingCalendar National = new() { Holidays = ["2026-10-01"] };

    private static Instant Shanghai(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToInstant();

    [Theory]
    [InlineData(9, 0, TradingPhase.PreOpen)]
    [InlineData(9, 30, TradingPhase.Continuous)]
    [InlineData(11, 29, TradingPhase.Continuous)]
    [InlineData(11, 30, TradingPhase.Break)]
    [InlineData(12, 59, TradingPhase.Break)]
    [InlineData(13, 0, TradingPhase.Continuous)]
    [InlineData(15, 0, TradingPhase.Closed)]
    public void The_national_market_day_runs_09_30_to_11_30_and_13_00_to_15_00_Shanghai_time(int hour, int minute, TradingPhase phase) =>
        Assert.Equal(phase, National.PhaseAt(Shanghai(2026, 11, 24, hour, minute)));

    [Fact]
    public void Weekends_and_holidays_are_closed_all_day()
    {
        Assert.Equal(TradingPhase.Closed, National.PhaseAt(Shanghai(2026, 11, 28, 10, 0)));
        Assert.Equal(TradingPhase.Closed, National.PhaseAt(Shanghai(2026, 10, 1, 10, 0)));
    }

    [Fact]
    public void Block_trading_is_afternoon_only()
    {
        Assert.False(National.IsBlockSession(Shanghai(2026, 11, 24, 10, 0)));
        Assert.True(National.IsBlockSession(Shanghai(2026, 11, 24, 14, 0)));
    }

    [Fact]
    public void An_always_open_calendar_trades_at_any_hour() =>
        Assert.Equal(TradingPhase.Continuous, new TradingCalendar { AlwaysOpen = true }.PhaseAt(Shanghai(2026, 11, 29, 3, 0)));

    [Fact]
    public void The_trading_date_is_the_Shanghai_date() =>
        Assert.Equal(new LocalDate(2026, 11, 25), National.DateOf(Instant.FromUtc(2026, 11, 24, 16, 30)));
}
