using MassTransit;
using RightsExchange.Accounts.FourEyes;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// Amends an agreement or renews it for a new round: an event on its stream, never an edit. One regulator proposes, a
/// second approves (four-eyes, like the agreement itself), with every check made again at approval. The new terms
/// apply from their first year on; a year already assessed keeps the terms it was assessed under. Rejections are listed
/// on <see cref="AmendCompensationAgreement"/>.
/// </summary>
public sealed class AmendAgreementConsumer(LedgerWriter writer) : IConsumer<AmendCompensationAgreement>
{
    public Task Consume(ConsumeContext<AmendCompensationAgreement> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, AmendCompensationAgreement c)
    {
        if (!ledger.FourEyes)
            return await Amend(ledger, c, c.ProposedBy);
        if (await Check(ledger, c) is { } rejected)
            return rejected;
        var t = c.Terms;
        return await RegistryActionConsumer.Propose(
            ledger,
            c.AmendmentId,
            RegistryActionKind.CompensationAmendment,
            $"Amend agreement {c.AgreementId} from {t.FirstYear}: '{t.Name}' ({t.Formula}, {t.AmountPerPeriod:0.00} CNY a year, "
                + $"{t.FirstYear}-{t.LastYear}): {c.Reason}",
            c.ProposedBy,
            amendment: c
        );
    }

    /// <summary>Makes the amendment (on approval by <paramref name="approvedBy"/>), or the reason it cannot be made.</summary>
    public static async Task<object> Amend(LedgerCommit ledger, AmendCompensationAgreement c, string approvedBy)
    {
        if (await Check(ledger, c) is { } rejected)
            return rejected;
        var stream = await ledger.Agreement(c.AgreementId);
        stream.Append(
            new CompensationAgreementAmended(
                c.AmendmentId,
                c.AgreementId,
                stream.State!.Amendments.Count + 2,
                c.Terms,
                c.Reason,
                c.ProposedBy,
                approvedBy,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(c.AmendmentId.ToString());
    }

    private static async Task<RegistryCommandRejected?> Check(LedgerCommit ledger, AmendCompensationAgreement c)
    {
        if ((await ledger.Agreement(c.AgreementId)).State is not { } agreement)
            return CompensationAgreement.Unknown(c.AgreementId);
        if (string.IsNullOrWhiteSpace(c.Reason))
            return new(ReasonCodes.ReasonRequired, "An amendment says why.");
        if (c.Terms.FirstYear < agreement.FirstYear || c.Terms.FirstYear > agreement.LastYear + 1)
            return new(
                ReasonCodes.InvalidTerms,
                $"The agreement runs {agreement.FirstYear}-{agreement.LastYear}: new terms start in one "
                    + $"of those years or in {agreement.LastYear + 1}."
            );
        if (agreement.Years.Where(y => y.Year >= c.Terms.FirstYear).Select(y => y.Year).Order().FirstOrDefault() is var year and > 0)
            return new(ReasonCodes.YearAlreadyAssessed, $"{year} was assessed under the terms in force; new terms start after it.");
        return await ProposeAgreementConsumer.CheckTerms(ledger, c.Terms);
    }
}
