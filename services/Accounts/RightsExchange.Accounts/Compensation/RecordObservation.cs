using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// Records a monitoring value for an agreement, from a monitoring body; a correction names what it corrects, which stays
/// in the stream, and takes its place from then on (an assessment already made keeps the figures it used). One value per
/// section, indicator and year: a second is a correction. Rejections are listed on <see cref="RecordObservation"/>.
/// </summary>
public sealed class RecordObservationConsumer(LedgerWriter writer) : IConsumer<RecordObservation>
{
    public Task Consume(ConsumeContext<RecordObservation> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, RecordObservation c)
    {
        var stream = await ledger.Agreement(c.AgreementId);
        if (stream.State is not { } agreement)
            return CompensationAgreement.Unknown(c.AgreementId);
        var body = (await ledger.Participant(c.MonitoringBody)).State;
        if (body?.Kind != ParticipantKind.MonitoringBody)
            return new RegistryCommandRejected(
                ReasonCodes.NotAMonitoringBody,
                $"'{c.MonitoringBody}' is not a registered monitoring body."
            );
        if (agreement.OutsideTerm(c.Year) is { } outside)
            return outside;
        var terms = agreement.TermsFor(c.Year);
        if (terms.Sections.All(s => s.Code != c.Section))
            return new RegistryCommandRejected(ReasonCodes.SectionUnknown, $"The agreement assesses no section '{c.Section}'.");
        if (terms.Indicators.All(i => i.Code != c.Indicator))
            return new RegistryCommandRejected(ReasonCodes.IndicatorUnknown, $"The agreement measures no indicator '{c.Indicator}'.");
        if (c.Value < 0)
            return new RegistryCommandRejected(ReasonCodes.InvalidValue, "A measured value is not negative.");
        if (
            terms.IndicatorInstrumentId is { } unitsOf
            && (await ledger.Instrument(unitsOf)).State?.Definition.QuantityStep is { } step
            && c.Value % step != 0
        )
            return new RegistryCommandRejected(
                ReasonCodes.InvalidValue,
                $"{c.Indicator} is settled in units of {unitsOf}: a value is a multiple of its step {step}, not rounded."
            );
        var inForce = agreement.ValuesIn(c.Year).ContainsKey((c.Section, c.Indicator));
        if (c.Corrects is { } corrected)
        {
            var original = agreement.Observations.FirstOrDefault(o => o.ObservationId == corrected);
            if (original is null || original.Section != c.Section || original.Indicator != c.Indicator || original.Year != c.Year)
                return new RegistryCommandRejected(
                    ReasonCodes.ObservationUnknown,
                    $"No observation {corrected} of {c.Indicator} at {c.Section} in {c.Year} to correct."
                );
            if (agreement.Observations.Any(o => o.Corrects == corrected))
                return new RegistryCommandRejected(
                    ReasonCodes.ObservationUnknown,
                    $"Observation {corrected} was corrected already; correct the correction."
                );
            if (string.IsNullOrWhiteSpace(c.Reason))
                return new RegistryCommandRejected(ReasonCodes.ReasonRequired, "A correction says why.");
        }
        else if (inForce)
        {
            return new RegistryCommandRejected(
                ReasonCodes.ObservationExists,
                $"{c.Indicator} at {c.Section} in {c.Year} has a value; a new one corrects it (name it in 'corrects', with a reason)."
            );
        }
        stream.Append(
            new ObservationRecorded(
                c.ObservationId,
                c.AgreementId,
                c.Section,
                c.Indicator,
                c.Year,
                c.Value,
                c.MonitoringBody,
                c.Corrects,
                c.Reason,
                c.RecordedBy,
                ledger.Now,
                Late: agreement.Year(c.Year) is not null
            )
        );
        return new RegistryCommandAccepted(c.ObservationId.ToString());
    }
}
