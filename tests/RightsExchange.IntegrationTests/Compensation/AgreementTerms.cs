using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Gateway.Compensation;

namespace RightsExchange.IntegrationTests.Compensation;

/// <summary>
/// Bodies of <c>POST /api/compensation/agreements</c> (the gateway's <see cref="CompensationAgreementRequest"/>) for the
/// tests: one call per agreement with what sets it apart, the rest as a regulator would write it.
/// </summary>
internal static class AgreementTerms
{
    /// <summary>An agreement's terms; <paramref name="amountPerPeriod"/> is CNY a year.</summary>
    public static CompensationAgreementRequest Terms(
        string name,
        string formula,
        CompensationPartyRequest[] parties,
        AssessedSectionRequest[] sections,
        CompensationIndicatorRequest[] indicators,
        decimal amountPerPeriod,
        int firstYear,
        int lastYear,
        string spending
    ) =>
        new(
            AgreementId: null,
            name,
            [.. parties],
            [.. sections],
            [.. indicators],
            formula,
            StabilityCoefficient: null,
            amountPerPeriod,
            FundAccountId: null,
            firstYear,
            lastYear,
            spending,
            DisputeDays: null,
            IndicatorInstrumentId: null,
            MissingData: null
        );

    /// <summary>Two parties, upstream and downstream, with one share each.</summary>
    public static CompensationPartyRequest[] Basin(string upstream, string downstream) =>
        [new(upstream, CompensationRole.Upstream, 1), new(downstream, CompensationRole.Downstream, 1)];

    /// <summary>A party of a shared fund or an indicator target, with its share.</summary>
    public static CompensationPartyRequest Member(string participantId, decimal share = 1) =>
        new(participantId, CompensationRole.Member, share);

    /// <summary>An assessed section; <paramref name="target"/> only for an indicator target.</summary>
    public static AssessedSectionRequest Section(string code, string name, string responsibleParty, decimal? target = null) =>
        new(code, name, responsibleParty, target);

    /// <summary>A measured indicator with weight 1; <paramref name="baseline"/> in <paramref name="unit"/> (mg/L by default).</summary>
    public static CompensationIndicatorRequest Indicator(string code, decimal baseline, string unit = "mg/L") =>
        new(code, unit, baseline, 1m, Role: null, Rate: null);
}
