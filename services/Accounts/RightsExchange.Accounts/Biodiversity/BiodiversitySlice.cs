using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Biodiversity;

/// <summary>
/// Biodiversity: development consents and their obligations, the credit register, stewardship agreements and their yearly payments.
/// </summary>
public static class BiodiversitySlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddBiodiversity(this ServiceSlices slices) =>
        slices
            .Settings<BiodiversitySettings>("Biodiversity")
            .Document<DevelopmentConsent>()
            .Document<StewardshipAgreement>()
            .Document<StewardshipSites>()
            .Consumer<RecordDevelopmentConsentConsumer>()
            .Consumer<RetireAgainstObligationConsumer>()
            .Consumer<PayConservationFundConsumer>()
            .Query<GetObligationConsumer>()
            .Query<GetCreditRegisterConsumer>()
            .Consumer<StewardshipConsumer>()
            .Query<GetStewardshipAgreementConsumer>()
            .Services(s => s.AddHostedService<DailyStewardshipPayments>());
}
