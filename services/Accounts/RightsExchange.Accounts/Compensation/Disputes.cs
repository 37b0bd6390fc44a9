using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// Disputes of an assessment: a party raises one within the agreement's dispute window, which holds the year's
/// payments; a regulator upholds it (the assessment is withdrawn and the year assessed again) or dismisses it, with the
/// reason. Source: the 2024 Regulation on Ecological Protection Compensation leaves disagreements between the parties
/// to the government above them. Rejections are listed on <see cref="RaiseCompensationDispute"/> and
/// <see cref="DecideCompensationDispute"/>.
/// </summary>
public sealed class CompensationDisputeConsumer(LedgerWriter writer)
    : IConsumer<RaiseCompensationDispute>,
        IConsumer<DecideCompensationDispute>
{
    public Task Consume(ConsumeContext<RaiseCompensationDispute> context) => writer.Reply(context, Raise);

    public Task Consume(ConsumeContext<DecideCompensationDispute> context) => writer.Reply(context, Decide);

    public static async Task<object> Raise(LedgerCommit ledger, RaiseCompensationDispute c)
    {
        var stream = await ledger.Agreement(c.AgreementId);
        if (stream.State is not { } agreement)
            return CompensationAgreement.Unknown(c.AgreementId);
        if (agreement.TermsFor(c.Year).Parties.All(p => p.ParticipantId != c.PartyId))
            return new RegistryCommandRejected(
                ReasonCodes.NotAParty,
                $"'{c.PartyId}' is not a party to agreement {c.AgreementId} in {c.Year}."
            );
        if (agreement.Year(c.Year) is not { } year)
            return new RegistryCommandRejected(ReasonCodes.NotAssessed, $"{c.Year} is not assessed.");
        if (year.Status != CompensationAgreement.Assessed)
            return new RegistryCommandRejected(ReasonCodes.NotDisputable, $"{c.Year} is {year.Status}.");
        if (year.Assessment.PayableFrom is not { } end || ledger.Now >= end)
            return new RegistryCommandRejected(
                ReasonCodes.DisputeWindowClosed,
                $"{c.Year} could be disputed until {year.Assessment.PayableFrom}."
            );
        if (string.IsNullOrWhiteSpace(c.Reason))
            return new RegistryCommandRejected(ReasonCodes.ReasonRequired, "A dispute says why.");
        stream.Append(new CompensationDisputed(c.DisputeId, c.AgreementId, c.Year, c.PartyId, c.Reason, c.RaisedBy, ledger.Now));
        return new RegistryCommandAccepted(c.DisputeId.ToString());
    }

    public static async Task<object> Decide(LedgerCommit ledger, DecideCompensationDispute c)
    {
        var stream = await ledger.Agreement(c.AgreementId);
        if (stream.State is not { } agreement)
            return CompensationAgreement.Unknown(c.AgreementId);
        if (agreement.Year(c.Year)?.Status != CompensationAgreement.Disputed)
            return new RegistryCommandRejected(ReasonCodes.NotDisputed, $"No dispute of {c.Year} waits for a decision.");
        if (string.IsNullOrWhiteSpace(c.Reason))
            return new RegistryCommandRejected(ReasonCodes.ReasonRequired, "A decision says why.");
        stream.Append(new CompensationDisputeDecided(c.AgreementId, c.Year, c.Upheld, c.Reason, c.DecidedBy, ledger.Now));
        return new RegistryCommandAccepted($"{c.Year}: {(c.Upheld ? CompensationAgreement.Withdrawn : CompensationAgreement.Assessed)}");
    }
}
