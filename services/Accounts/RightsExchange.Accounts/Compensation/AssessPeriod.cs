using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// Assesses a year of an agreement (<see cref="CompensationAssessment"/>) and, once it is payable, asks settlement to
/// settle what it decides: the assessment with every figure and a <see cref="CompensationSettlementRequested"/> in one
/// commit. Settlement instructs the payments back (<see cref="CompensationSettlementInstructedConsumer"/>), which posts
/// them all or none. A year whose payment failed is asked again from the same figures when assessed again. An agreement
/// with a dispute window (<see cref="CompensationTerms.DisputeDays"/>) has its assessment recorded and settled only when
/// assessed again once the window is over, unless a dispute holds it (<see cref="CompensationDisputeConsumer"/>).
/// Rejections are listed on <see cref="AssessCompensationPeriod"/>.
/// </summary>
public sealed class AssessPeriodConsumer(LedgerWriter writer) : IConsumer<AssessCompensationPeriod>
{
    public Task Consume(ConsumeContext<AssessCompensationPeriod> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, AssessCompensationPeriod c)
    {
        var stream = await ledger.Agreement(c.AgreementId);
        if (stream.State is not { } agreement)
            return CompensationAgreement.Unknown(c.AgreementId);
        if (agreement.OutsideTerm(c.Year) is { } outside)
            return outside;
        var terms = agreement.TermsFor(c.Year);
        var assessed = agreement.Year(c.Year);
        if (assessed?.Status is CompensationAgreement.Paid or CompensationAgreement.Issued)
            return new RegistryCommandRejected(
                ReasonCodes.AlreadyPaid,
                $"{c.Year} was assessed and settled ({assessed.Assessment.Decision})."
            );
        if (assessed?.Status == CompensationAgreement.Settling)
            return new RegistryCommandRejected(ReasonCodes.Settling, $"{c.Year}'s payments are with settlement {assessed.SettlementId}.");
        if (assessed?.Status == CompensationAgreement.Disputed)
            return new RegistryCommandRejected(
                ReasonCodes.Disputed,
                $"{assessed.Dispute!.PartyId} disputed {c.Year}: {assessed.Dispute.Reason}. " + "A regulator decides the dispute first."
            );
        var assessment = assessed?.Status == CompensationAgreement.Withdrawn ? null : assessed?.Assessment;
        if (assessment is null)
        {
            var (outcome, missing) = CompensationAssessment.Assess(terms, agreement.ValuesIn(c.Year));
            if (outcome is null)
                return new RegistryCommandRejected(
                    ReasonCodes.ObservationsMissing,
                    $"No value in force for {string.Join(", ", missing)} in {c.Year}."
                );
            var window = terms.DisputeDays;
            if (
                window == 0
                && terms.IndicatorInstrumentId is { } instrumentId
                && await IndicatorRefusal(ledger, instrumentId, c.Year, outcome.Balances!) is { } refused
            )
                return refused;
            assessment = new CompensationAssessed(
                c.AgreementId,
                c.Year,
                terms.Formula,
                outcome.Figures,
                outcome.Index,
                outcome.Decision,
                outcome.Payments,
                c.RequestedBy,
                ledger.Now,
                window > 0 ? ledger.Now + NodaTime.Duration.FromDays(window) : null,
                outcome.Balances
            );
            stream.Append(assessment);
        }
        if (assessment.PayableFrom is { } payable && ledger.Now < payable)
        {
            // A fresh assessment with a window is recorded and waits; asking again before the window ends is refused.
            if (assessed?.Status == CompensationAgreement.Assessed)
                return new RegistryCommandRejected(
                    ReasonCodes.DisputeWindowOpen,
                    $"{c.Year} may be disputed until {payable}; it is paid after that."
                );
            return new RegistryCommandAccepted($"{c.Year}: {CompensationAgreement.Assessed} (payable from {payable})");
        }
        if (terms.IndicatorInstrumentId is { } unitsOf)
            return await SettleIndicators(ledger, stream, assessment, unitsOf);
        var settlementId = $"{c.AgreementId:N}-{c.Year}-{(assessed?.Attempts ?? 0) + 1}";
        stream.Append(
            new CompensationSettlementRequested(settlementId, c.AgreementId, terms.Name, c.Year, assessment.Payments, ledger.Now)
        );
        return new RegistryCommandAccepted($"{c.Year}: {CompensationAgreement.Settling} ({settlementId})");
    }

    /// <summary>
    /// Settles an indicator target's year in units, in this commit: each surplus issued into its party's holding (the
    /// registry's issuance, so lineage and conservation count it), each shortfall recorded as its party's compliance
    /// obligation for the year with the registry's default deadline. Refused, with nothing changed, as
    /// <see cref="IndicatorRefusal"/> says.
    /// </summary>
    private static async Task<object> SettleIndicators(
        LedgerCommit ledger,
        Hosting.TrackedStream<CompensationAgreement> stream,
        CompensationAssessed assessment,
        string instrumentId
    )
    {
        var (agreement, year, balances) = (stream.State!, assessment.Year, assessment.Balances ?? []);
        if (await IndicatorRefusal(ledger, instrumentId, year, balances) is { } refused)
            return refused;
        var unit = (await ledger.Instrument(instrumentId)).State!.Unit;
        foreach (var b in balances.Where(b => b.Surplus > 0))
        {
            await Issuance.IssueUnitsConsumer.Issue(
                ledger,
                new IssueUnits(
                    IssuanceId(agreement.Concluded.AgreementId, year, b.PartyId),
                    instrumentId,
                    b.PartyId,
                    b.Surplus,
                    assessment.AssessedBy,
                    IssuingBody: $"{agreement.TermsFor(year).Name}, {year} assessment"
                )
            );
        }
        foreach (var b in balances.Where(b => b.Shortfall > 0))
        {
            (await ledger.Streams.Open<Compliance.ComplianceRecord>(Compliance.ComplianceRecord.StreamKey(b.PartyId, year))).Append(
                new IndicatorShortfallRecorded(
                    b.PartyId,
                    year,
                    instrumentId,
                    new Quantity(b.Shortfall, unit),
                    ledger.Registry.DefaultDeadline(year),
                    agreement.Concluded.AgreementId,
                    ledger.Now
                )
            );
        }
        stream.Append(
            new CompensationIndicatorsSettled(
                agreement.Concluded.AgreementId,
                agreement.TermsFor(year).Name,
                year,
                instrumentId,
                assessment.Decision,
                balances,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted($"{year}: {CompensationAgreement.Issued}");
    }

    /// <summary>
    /// Why an indicator target's year cannot be settled in units, checked before anything is appended: a party that
    /// already has a compliance obligation for the year (COMPLIANCE_RECORD_EXISTS), or a surplus the instrument's step
    /// does not divide (INVALID_QUANTITY); null when it can.
    /// </summary>
    private static async Task<RegistryCommandRejected?> IndicatorRefusal(
        LedgerCommit ledger,
        string instrumentId,
        int year,
        IReadOnlyList<IndicatorBalance> balances
    )
    {
        var instrument = (await ledger.Instrument(instrumentId)).State!.Definition;
        foreach (var b in balances)
        {
            if (b.Surplus > 0 && RegistryChecks.Quantity(instrument, b.Surplus) is { } coarse)
                return coarse;
            if (b.Shortfall <= 0)
                continue;
            var record = await ledger.Streams.Open<Compliance.ComplianceRecord>(Compliance.ComplianceRecord.StreamKey(b.PartyId, year));
            if (record.State?.Due is not null)
                return new RegistryCommandRejected(
                    ReasonCodes.ComplianceRecordExists,
                    $"{b.PartyId} already has an obligation for {year}."
                );
        }
        return null;
    }

    /// <summary>The issuance id of a party's surplus in a year: the same every time, so the registry issues it once.</summary>
    private static Guid IssuanceId(Guid agreementId, int year, string partyId) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{agreementId:N}:{year}:{partyId}"))[..16]);
}

/// <summary>
/// Answers <see cref="GetCompensationAgreement"/> with the agreement's view, or <see cref="CompensationAgreementNotFound"/>.
/// </summary>
public sealed class GetCompensationAgreementConsumer(IQuerySession session) : IConsumer<GetCompensationAgreement>
{
    public async Task Consume(ConsumeContext<GetCompensationAgreement> context)
    {
        var agreement = await session.LoadAsync<CompensationAgreement>(
            CompensationAgreement.StreamPrefix + context.Message.AgreementId,
            context.CancellationToken
        );
        if (agreement is null)
            await context.RespondAsync(new CompensationAgreementNotFound(context.Message.AgreementId));
        else
            await context.RespondAsync(agreement.ToView());
    }
}
