using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// Ecological compensation agreements: proposal, observations, yearly assessment, amendment, disputes, payments and the fund.
/// </summary>
public static class CompensationSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddCompensation(this ServiceSlices slices) =>
        slices
            .Consumer<ProposeAgreementConsumer>()
            .Consumer<RecordObservationConsumer>()
            .Consumer<AssessPeriodConsumer>()
            .Consumer<AmendAgreementConsumer>()
            .Consumer<CompensationDisputeConsumer>()
            .Consumer<CompensationSettlementInstructedConsumer>()
            .Consumer<SpendFromFundConsumer>()
            .Query<GetCompensationAgreementConsumer>();
}
