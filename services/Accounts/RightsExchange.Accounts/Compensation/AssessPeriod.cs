using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// Assesses a year of an agreement (<see cref="CompensationAssessment"/>) and pays what it decides, in one commit: the
/// assessment with every figure, then either every payment (CNY from the payers' available cash to the payees, in the
/// order the assessment lists them) or, if any payer cannot pay, a <see cref="CompensationPaymentFailed"/> and no money
/// moved. A year whose payment failed is paid again from the same figures when assessed again. An agreement with a
/// dispute window (<see cref="CompensationTerms.DisputeDays"/>) has its assessment recorded and paid only when assessed
/// again once the window is over, unless a dispute holds it (<see cref="CompensationDisputeConsumer"/>). Rejections are
/// listed on <see cref="AssessCompensationPeriod"/>.
/// </summary>
public sealed class AssessPeriodConsumer(LedgerWriter writer) : IConsumer<AssessCompensationPeriod>
{
    public Task Consume(ConsumeContext<AssessCompensationPeriod> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerUnit ledger, AssessCompensationPeriod c)
    {
        var stream = await ledger.Agreement(c.AgreementId);
        if (stream.State is not { } agreement) return CompensationAgreement.Unknown(c.AgreementId);
        if (c.Year < agreement.Terms.FirstYear || c.Year > agreement.Terms.LastYear)
            return new RegistryCommandRejected("YEAR_OUTSIDE_TERM",
                $"The agreement runs {agreement.Terms.FirstYear}-{agreement.Terms.LastYear}.");
        var assessed = agreement.Year(c.Year);
        if (assessed?.Status == CompensationAgreement.Paid)
            return new RegistryCommandRejected("ALREADY_PAID", $"{c.Year} was assessed and paid ({assessed.Assessment.Decision}).");
        if (assessed?.Status == CompensationAgreement.Disputed)
            return new RegistryCommandRejected("DISPUTED", $"{assessed.Dispute!.PartyId} disputed {c.Year}: {assessed.Dispute.Reason}. " +
                "A regulator decides the dispute first.");
        var assessment = assessed?.Status == CompensationAgreement.Withdrawn ? null : assessed?.Assessment;
        if (assessment is null)
        {
            var (outcome, missing) = CompensationAssessment.Assess(agreement.Terms, agreement.ValuesIn(c.Year));
            if (outcome is null)
                return new RegistryCommandRejected("OBSERVATIONS_MISSING",
                    $"No value in force for {string.Join(", ", missing)} in {c.Year}.");
            var window = agreement.Terms.DisputeDays;
            assessment = new CompensationAssessed(c.AgreementId, c.Year, agreement.Terms.Formula, outcome.Figures, outcome.Index,
                outcome.Decision, outcome.Payments, c.RequestedBy, ledger.Now,
                window > 0 ? ledger.Now + NodaTime.Duration.FromDays(window) : null);
            stream.Append(assessment);
        }
        if (assessment.PayableFrom is { } payable && ledger.Now < payable)
        {
            // A fresh assessment with a window is recorded and waits; asking again before the window ends is refused.
            if (assessed?.Status == CompensationAgreement.Assessed)
                return new RegistryCommandRejected("DISPUTE_WINDOW_OPEN",
                    $"{c.Year} may be disputed until {payable}; it is paid after that.");
            return new RegistryCommandAccepted($"{c.Year}: {CompensationAgreement.Assessed} (payable from {payable})");
        }
        if (await Unpayable(ledger, assessment.Payments) is var (reason, detail))
        {
            stream.Append(new CompensationPaymentFailed(c.AgreementId, c.Year, reason, detail, ledger.Now));
            return new RegistryCommandAccepted($"{c.Year}: {CompensationAgreement.PaymentFailed} ({reason})");
        }
        foreach (var p in assessment.Payments)
        {
            (await ledger.Cash(p.PayerId)).Append(
                new CompensationCashPaid(c.AgreementId, c.Year, p.PayeeId, Money.InCny(p.Amount), ledger.Now));
            (await ledger.Cash(p.PayeeId)).Append(
                new CompensationCashReceived(c.AgreementId, c.Year, p.PayerId, Money.InCny(p.Amount), ledger.Now));
        }
        stream.Append(new CompensationPaid(c.AgreementId, agreement.Terms.Name, c.Year, assessment.Formula, assessment.Index,
            assessment.Decision, assessment.Payments, ledger.Now));
        return new RegistryCommandAccepted($"{c.Year}: {CompensationAgreement.Paid}");
    }

    /// <summary>Why the payments cannot all be posted (a party frozen or not active, a payer short of cash), or null.</summary>
    private static async Task<(string Reason, string Detail)?> Unpayable(LedgerUnit ledger, IReadOnlyList<CompensationPayment> payments)
    {
        var available = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var id in payments.SelectMany(p => new[] { p.PayerId, p.PayeeId }).Distinct())
        {
            if (RegistryChecks.NotActive((await ledger.Participant(id)).State, id) is { } inactive) return inactive;
            available[id] = (await ledger.Cash(id)).State?.Available ?? 0m;
        }
        foreach (var p in payments)
        {
            if (available[p.PayerId] < p.Amount)
                return ("INSUFFICIENT_CASH",
                    $"{p.PayerId} owes {p.Amount:0.00} CNY to {p.PayeeId} and has {available[p.PayerId]:0.00} CNY available.");
            available[p.PayerId] -= p.Amount;
            available[p.PayeeId] += p.Amount;
        }
        return null;
    }
}

/// <summary>
/// Answers <see cref="GetCompensationAgreement"/> with the agreement's view, or <see cref="CompensationAgreementNotFound"/>.
/// </summary>
public sealed class GetCompensationAgreementConsumer(IQuerySession session) : IConsumer<GetCompensationAgreement>
{
    public async Task Consume(ConsumeContext<GetCompensationAgreement> context)
    {
        var agreement = await session.LoadAsync<CompensationAgreement>(CompensationAgreement.StreamPrefix + context.Message.AgreementId,
            context.CancellationToken);
        if (agreement is null) await context.RespondAsync(new CompensationAgreementNotFound(context.Message.AgreementId));
        else await context.RespondAsync(agreement.ToView());
    }
}
