using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.UnitTests.Accounts;

public class RegionalRuleTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 6, 30, 2, 0);
    private static readonly RegionalRuleSettings Rules = new()
    {
        BoundClasses = ["PollutantRight", "WaterRight"],
        Regions = new() { ["CN-YRD"] = ["CN-SH", "CN-JS", "CN-ZJ", "CN-AH"], ["Dongjiang"] = ["CN-GD-Dongjiang"] },
    };

    private static InstrumentListed Right(InstrumentClass @class, string region) =>
        new("X", "x", @class, "t/yr", 0.001m, null, null, null, region, "regional-demo", 1m, T0);

    [Theory]
    [InlineData(InstrumentClass.PollutantRight, "CN-YRD", "CN-SH", true)]
    [InlineData(InstrumentClass.PollutantRight, "CN-YRD", "CN-AH-Wuhu", true)]
    [InlineData(InstrumentClass.PollutantRight, "CN-YRD", "CN-AHX", false)]
    [InlineData(InstrumentClass.PollutantRight, "CN-YRD", "CN-GD", false)]
    [InlineData(InstrumentClass.WaterRight, "Dongjiang", "CN-GD-Dongjiang", true)]
    [InlineData(InstrumentClass.WaterRight, "Dongjiang", "CN-GD", false)]
    [InlineData(InstrumentClass.WaterRight, "CN-HB-Wuhan", "CN-HB-Wuhan-Jiangan", true)]
    [InlineData(InstrumentClass.WaterRight, "CN-HB-Wuhan", "CN-HB", false)]
    [InlineData(InstrumentClass.ForestrySink, "CN-FJ", "CN-HE", true)]
    public void A_bound_right_moves_without_approval_only_within_its_region(
        InstrumentClass @class,
        string instrumentRegion,
        string homeRegion,
        bool allowed
    )
    {
        Assert.Equal(allowed, Rules.AllowsWithoutApproval(Right(@class, instrumentRegion), homeRegion));
    }

    [Fact]
    public void An_approval_is_requested_decided_revoked_and_may_be_asked_for_again()
    {
        var key = StreamKeys.CrossRegion("p", "X");
        var permit = CrossRegionPermit.Fold(null, key, new CrossRegionApprovalRequested("p", "X", "CN-AH", "Dongjiang", "why", "p", T0))!;
        Assert.Equal(CrossRegionPermit.Pending, permit.Status);
        Assert.Throws<InvalidOperationException>(() =>
            CrossRegionPermit.Fold(permit, key, new CrossRegionApprovalDecided("p", "X", CrossRegionDecision.Revoke, "no", "r", T0))
        );

        permit = CrossRegionPermit.Fold(permit, key, new CrossRegionApprovalDecided("p", "X", CrossRegionDecision.Approve, "ok", "r", T0))!;
        Assert.Equal(CrossRegionPermit.Approved, permit.Status);
        Assert.Throws<InvalidOperationException>(() =>
            CrossRegionPermit.Fold(permit, key, new CrossRegionApprovalRequested("p", "X", "CN-AH", "Dongjiang", "again", "p", T0))
        );

        permit = CrossRegionPermit.Fold(
            permit,
            key,
            new CrossRegionApprovalDecided("p", "X", CrossRegionDecision.Revoke, "quota", "r", T0)
        )!;
        permit = CrossRegionPermit.Fold(
            permit,
            key,
            new CrossRegionApprovalRequested("p", "X", "CN-AH", "Dongjiang", "new season", "p", T0)
        )!;
        Assert.Equal(CrossRegionPermit.Pending, permit.Status);
        Assert.Equal(["Requested", "Approve", "Revoke", "Requested"], permit.History.Select(h => h.Step));
    }
}

public class RegistryActionTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 6, 30, 2, 0);

    [Fact]
    public void A_proposal_is_decided_once()
    {
        var id = Guid.NewGuid();
        var key = RightsExchange.Accounts.FourEyes.RegistryAction.StreamPrefix + id;
        var issuance = new IssueUnits(id, "FMS", "farm", 500m, "regulator-a");
        var action = RightsExchange.Accounts.FourEyes.RegistryAction.Fold(
            null,
            key,
            new RegistryActionProposed(id, RegistryActionKind.Issuance, "Issue 500 FMS to farm", issuance, null, "regulator-a", T0)
        )!;
        Assert.Equal("Pending", action.Status);

        action = RightsExchange.Accounts.FourEyes.RegistryAction.Fold(
            action,
            key,
            new RegistryActionDecided(id, true, "verified", "regulator-b", T0)
        )!;
        Assert.Equal(("Approved", "regulator-b"), (action.Status, action.ToView().DecidedBy));
        Assert.Throws<InvalidOperationException>(() =>
            RightsExchange.Accounts.FourEyes.RegistryAction.Fold(
                action,
                key,
                new RegistryActionDecided(id, false, "late", "regulator-c", T0)
            )
        );
    }
}
