using MassTransit;
using Microsoft.Extensions.Options;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Retirement;
using RightsExchange.Contracts.Biodiversity.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Biodiversity;

/// <summary>
/// Credits retired against a line of a credit obligation, by the developer or, for credits it was paid for, by the
/// Biodiversity Conservation Fund. They must match the line like for like (<see cref="LikeForLike"/>); the retirement
/// is an ordinary one (its public record names the consent) and the consent records it, in the same commit.
/// </summary>
public sealed class RetireAgainstObligationConsumer(LedgerWriter writer, IOptions<BiodiversitySettings> settings)
    : IConsumer<RetireAgainstObligation>
{
    public Task Consume(ConsumeContext<RetireAgainstObligation> context) =>
        writer.Reply(context, (ledger, c) => Retire(ledger, c, settings.Value));

    public static async Task<object> Retire(LedgerCommit ledger, RetireAgainstObligation c, BiodiversitySettings rules)
    {
        var (consent, state, rejected) = await DevelopmentConsent.OpenLine(ledger, c.ConsentId, c.Requirement);
        if (state is null)
            return rejected!;
        var standing = state.Standing(c.Requirement);
        var byFund = c.ParticipantId == rules.FundAccountId && c.ParticipantId != state.Recorded.DeveloperId;
        var owed =
            byFund ? standing.OwedByFund
            : c.ParticipantId == state.Recorded.DeveloperId ? standing.OwedByDeveloper
            : 0m;
        if (owed == 0m)
            return new RegistryCommandRejected(
                ReasonCodes.NotObliged,
                $"{c.ParticipantId} owes no credits on line {c.Requirement} of consent {state.Recorded.Reference}."
            );
        if (c.Quantity > owed)
            return new RegistryCommandRejected(
                ReasonCodes.ExceedsObligation,
                $"{c.ParticipantId} owes {owed} credits on line {c.Requirement}; {c.Quantity} offered."
            );
        var instrument = (await ledger.Instrument(c.InstrumentId)).State?.Definition;
        if (instrument is null)
            return new RegistryCommandRejected(ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        if (instrument.Biodiversity is not { } credit)
            return new RegistryCommandRejected(
                ReasonCodes.NotBiodiversityCredit,
                $"{c.InstrumentId} is {instrument.Class}, not a biodiversity credit."
            );
        if (LikeForLike.Breach(standing.Line, state.Recorded, credit, rules) is { } breach)
            return new RegistryCommandRejected(ReasonCodes.NotLikeForLike, breach);

        var retired = await RetireUnitsConsumer.Handle(
            ledger,
            new RetireUnits(
                c.RetirementId,
                c.ParticipantId,
                c.InstrumentId,
                c.Quantity,
                $"Development consent {state.Recorded.Reference}",
                $"Biodiversity offset obligation of {state.Recorded.DeveloperId}, line {c.Requirement}",
                c.RequestedBy
            )
        );
        if (retired is RegistryCommandRejected)
            return retired;
        consent.Append(
            new ObligationCreditsRetired(
                c.ConsentId,
                c.Requirement,
                c.RetirementId,
                c.ParticipantId,
                c.InstrumentId,
                new Quantity(c.Quantity, instrument.Unit),
                byFund,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(c.RetirementId.ToString());
    }
}

/// <summary>
/// The developer pays the Biodiversity Conservation Fund instead of retiring credits: credits times the line's charge,
/// rounded half up to 0.01 CNY, from its cash account to the fund's, in one commit with the consent's record; the
/// fund then owes those credits. Source: Biodiversity Conservation Act 2016 Part 6 Division 6 (payment into the fund;
/// s 6.31, the Biodiversity Conservation Trust then secures the offsets).
/// </summary>
public sealed class PayConservationFundConsumer(LedgerWriter writer, IOptions<BiodiversitySettings> settings)
    : IConsumer<PayConservationFund>
{
    public Task Consume(ConsumeContext<PayConservationFund> context) =>
        writer.Reply(context, (ledger, c) => Pay(ledger, c, settings.Value));

    public static async Task<object> Pay(LedgerCommit ledger, PayConservationFund c, BiodiversitySettings rules)
    {
        var (consent, state, rejected) = await DevelopmentConsent.OpenLine(ledger, c.ConsentId, c.Requirement);
        if (state is null)
            return rejected!;
        if (c.PayerId != state.Recorded.DeveloperId)
            return new RegistryCommandRejected(
                ReasonCodes.NotDeveloper,
                $"Only the developer {state.Recorded.DeveloperId} pays the fund for consent {state.Recorded.Reference}."
            );
        var standing = state.Standing(c.Requirement);
        if (c.Credits <= 0m)
            return new RegistryCommandRejected(
                ReasonCodes.InvalidQuantity,
                $"The number of credits paid for must be positive; it is {c.Credits}."
            );
        if (c.Credits > standing.OwedByDeveloper)
            return new RegistryCommandRejected(
                ReasonCodes.ExceedsObligation,
                $"{c.PayerId} owes {standing.OwedByDeveloper} credits on line {c.Requirement}; {c.Credits} offered."
            );
        if ((await ledger.Participant(rules.FundAccountId)).State is null)
            return new RegistryCommandRejected(
                ReasonCodes.ParticipantUnknown,
                $"The fund's account '{rules.FundAccountId}' (Biodiversity:FundAccountId) is not registered."
            );
        var amount = Money.RoundCny(c.Credits * standing.Line.FundChargePerCredit.Amount);
        var payer = await ledger.Cash(c.PayerId);
        if ((payer.State?.Available ?? 0m) < amount)
            return new RegistryCommandRejected(
                ReasonCodes.InsufficientCash,
                $"{c.Credits} credits at {standing.Line.FundChargePerCredit} cost {amount:0.00} CNY; "
                    + $"{c.PayerId} has {payer.State?.Available ?? 0m:0.00} CNY available."
            );

        payer.Append(new ConservationFundPaymentMade(c.PaymentId, amount, rules.FundAccountId, ledger.Now));
        (await ledger.Cash(rules.FundAccountId)).Append(new ConservationFundPaymentReceived(c.PaymentId, amount, c.PayerId, ledger.Now));
        consent.Append(
            new ConservationFundPaid(
                c.ConsentId,
                c.Requirement,
                c.PaymentId,
                c.Credits,
                Money.InCny(amount),
                rules.FundAccountId,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(c.PaymentId.ToString());
    }
}
