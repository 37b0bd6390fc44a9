using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Ledger;

/// <summary>
/// Regional rules (section <c>Registry:RegionalRules</c> in <c>market.json</c>). <c>BoundClasses</c>: the instrument
/// classes that move only within their region (pollutant and water rights). <c>Regions</c>: for an instrument region,
/// the participant home regions it takes in (a basin spanning cities or provinces); a region not listed takes in only
/// itself. A home region lies in a listed one when it equals it or extends it after a dash (<c>CN-AH-Wuhu</c> lies in
/// <c>CN-AH</c>). Source: Hubei's rule, air pollutants within the city and water pollutants within the basin, and
/// water rights within the basin (market-rules.md).
/// </summary>
public sealed class RegionalRuleSettings
{
    public List<string> BoundClasses { get; set; } = [];
    public Dictionary<string, List<string>> Regions { get; set; } = new();

    /// <summary>True when <paramref name="instrument"/> may move to a participant of <paramref name="homeRegion"/> without
    /// approval.</summary>
    public bool AllowsWithoutApproval(InstrumentListed instrument, string homeRegion) =>
        !IsBound(instrument) || Covers(instrument.Region, homeRegion);

    public bool IsBound(InstrumentListed instrument) => BoundClasses.Contains(instrument.Class.ToString());

    public bool Covers(string instrumentRegion, string homeRegion) =>
        (Regions.GetValueOrDefault(instrumentRegion) ?? [instrumentRegion]).Any(r =>
            homeRegion == r || homeRegion.StartsWith(r + "-", StringComparison.Ordinal)
        );
}

/// <summary>A participant's cross-region approval for one instrument (stream <c>crossregion:{participantId}:{instrumentId}</c>).</summary>
/// <param name="Status">Pending, Approved, Refused or Revoked.</param>
public sealed record CrossRegionPermit(string Id, string Status, IReadOnlyList<CrossRegionApprovalStep> History) : IFold<CrossRegionPermit>
{
    public static string StreamPrefix => "crossregion:";

    public const string Pending = "Pending";
    public const string Approved = "Approved";
    public const string Refused = "Refused";
    public const string Revoked = "Revoked";

    public static CrossRegionPermit? Fold(CrossRegionPermit? state, string streamKey, object @event) =>
        @event switch
        {
            CrossRegionApprovalRequested e when state is null or { Status: Refused or Revoked } => new CrossRegionPermit(
                streamKey,
                Pending,
                [.. state?.History ?? [], new CrossRegionApprovalStep("Requested", e.Reason, e.RequestedBy, e.RequestedAt)]
            ),
            CrossRegionApprovalDecided e
                when (state?.Status, e.Decision)
                    is
                        (Pending, CrossRegionDecision.Approve or CrossRegionDecision.Refuse)
                        or
                        (Approved, CrossRegionDecision.Revoke) => state! with
            {
                Status = e.Decision switch
                {
                    CrossRegionDecision.Approve => Approved,
                    CrossRegionDecision.Refuse => Refused,
                    _ => Revoked,
                },
                History = [.. state.History, new CrossRegionApprovalStep(e.Decision, e.Reason, e.DecidedBy, e.DecidedAt)],
            },
            _ => throw new InvalidOperationException(
                $"{@event.GetType().Name} does not apply to {streamKey} in state {state?.Status ?? "none"}"
            ),
        };
}
