using NodaTime;
using RightsExchange.Accounts.Compliance;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.UnitTests.Accounts;

public class ComplianceTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly LocalDate Deadline = new(2025, 12, 31);

    private static Instant At(int year, int month, int day, int hour) =>
        new LocalDateTime(year, month, day, hour, 0).InZoneStrictly(Shanghai).ToInstant();

    private static ComplianceRecord Record(params (decimal Quantity, Instant At)[] surrenders)
    {
        var key = ComplianceRecord.StreamKey("steel", 2024);
        var record = ComplianceRecord.Fold(
            null,
            key,
            new VerifiedEmissionsRecorded("steel", 2024, 1_000m, Deadline, "regulator", At(2025, 3, 31, 10))
        )!;
        foreach (var (quantity, at) in surrenders)
            record = ComplianceRecord.Fold(
                record,
                key,
                new UnitsSurrendered(Guid.NewGuid(), "steel", 2024, "CEA", new Quantity(quantity, "tCO2e"), false, at)
            )!;
        return record;
    }

    [Fact]
    public void Short_of_the_emissions_is_not_yet_due_until_the_deadline_ends_in_Shanghai_then_surrendered_short()
    {
        var record = Record((600m, At(2025, 6, 1, 10)));

        Assert.Equal(ComplianceState.NotYetDue, record.StatusAt(At(2025, 12, 31, 23)));
        Assert.Equal(ComplianceState.SurrenderedShort, record.StatusAt(At(2026, 1, 1, 0)));
    }

    [Fact]
    public void Covered_by_the_deadline_is_compliant_and_after_it_late()
    {
        Assert.Equal(
            ComplianceState.Compliant,
            Record((600m, At(2025, 6, 1, 10)), (400m, At(2025, 12, 31, 23))).StatusAt(At(2026, 6, 1, 0))
        );
        Assert.Equal(ComplianceState.Late, Record((600m, At(2025, 6, 1, 10)), (400m, At(2026, 1, 1, 9))).StatusAt(At(2026, 6, 1, 0)));
    }

    [Fact]
    public void Nothing_is_surrendered_before_the_emissions_are_verified()
    {
        Assert.Throws<InvalidOperationException>(() =>
            ComplianceRecord.Fold(
                null,
                ComplianceRecord.StreamKey("steel", 2024),
                new UnitsSurrendered(Guid.NewGuid(), "steel", 2024, "CEA", new Quantity(1m, "tCO2e"), false, At(2025, 1, 1, 0))
            )
        );
    }
}
