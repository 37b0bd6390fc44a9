using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Issuance;

/// <summary>
/// Issues units into a participant's holding account. The gateway sends it with the issuance id as message id,
/// so a repeated issuance issues nothing more. An allocation is an issuance of allowances to a compliance entity for a
/// compliance period. With four-eyes on (the default) a checked issuance waits for a second
/// regulator (<see cref="RegistryCommandPending"/>; <see cref="FourEyes.RegistryActionConsumer"/> issues it on approval).
/// Credits and sinks are issued in batches: the batch names its project or issuing body (PROJECT_REQUIRED) and gets
/// the instrument's next serial range (<see cref="Lineage.Serials"/>). Units of a project under a forward pledge of the
/// recipient are pledged as they arrive (<see cref="Pledges.PledgeForwardConsumer.OnIssuance"/>).
/// Rejects PARTICIPANT_UNKNOWN, INSTRUMENT_UNKNOWN, INVALID_QUANTITY (not positive or not a multiple of the step).
/// </summary>
public sealed class IssueUnitsConsumer(LedgerWriter writer) : IConsumer<IssueUnits>
{
    public Task Consume(ConsumeContext<IssueUnits> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, IssueUnits c)
    {
        if (!ledger.FourEyes)
            return await Issue(ledger, c);
        if (await Check(ledger, c) is { } rejected)
            return rejected;
        return c.AllocationPeriod is { } period
            ? await FourEyes.RegistryActionConsumer.Propose(
                ledger,
                c.IssuanceId,
                RegistryActionKind.Allocation,
                $"Allocate {c.Quantity} {c.InstrumentId} to {c.ParticipantId} for {period}",
                c.RequestedBy,
                issuance: c
            )
            : await FourEyes.RegistryActionConsumer.Propose(
                ledger,
                c.IssuanceId,
                RegistryActionKind.Issuance,
                $"Issue {c.Quantity} {c.InstrumentId} to {c.ParticipantId}",
                c.RequestedBy,
                issuance: c
            );
    }

    /// <summary>Issues now, after the checks (an approved proposal, or four-eyes off).</summary>
    public static async Task<object> Issue(LedgerCommit ledger, IssueUnits c)
    {
        if (await Check(ledger, c) is { } rejected)
            return rejected;
        var instrument = await ledger.Instrument(c.InstrumentId);
        var serials = Lineage.Serials.Issue(ledger, instrument, c);
        var holding = await ledger.Holding(c.ParticipantId, c.InstrumentId);
        holding.Append(
            new UnitsIssued(
                c.IssuanceId,
                c.InstrumentId,
                c.ParticipantId,
                new Quantity(c.Quantity, instrument.State!.Unit),
                ledger.Now,
                c.AllocationPeriod,
                serials,
                c.Project,
                c.IssuingBody
            )
        );
        await Pledges.PledgeForwardConsumer.OnIssuance(ledger, instrument.State.Definition, holding, c, serials);
        return new RegistryCommandAccepted($"{c.InstrumentId}:{c.ParticipantId}");
    }

    private static async Task<RegistryCommandRejected?> Check(LedgerCommit ledger, IssueUnits c)
    {
        var participant = (await ledger.Participant(c.ParticipantId)).State;
        if (participant is null)
            return new RegistryCommandRejected(ReasonCodes.ParticipantUnknown, $"No participant '{c.ParticipantId}'.");
        var instrument = (await ledger.Instrument(c.InstrumentId)).State;
        if (instrument is null)
            return new RegistryCommandRejected(ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        if (
            c.AllocationPeriod is { } period
            && (
                participant.Kind != ParticipantKind.ComplianceEntity
                || instrument.Definition.Class != InstrumentClass.Allowance
                || instrument.Definition.Vintage != period
            )
        )
            return new RegistryCommandRejected(
                ReasonCodes.AllocationNotEligible,
                $"An allocation for {period} goes to a compliance entity in allowances of vintage {period}; {c.ParticipantId} is "
                    + $"{participant.Kind} "
                    + $"and {c.InstrumentId} is {instrument.Definition.Class} of vintage "
                    + $"{instrument.Definition.Vintage?.ToString() ?? "none"}."
            );
        if (
            ledger.Registry.Serialized(instrument.Definition.Class)
            && string.IsNullOrWhiteSpace(c.Project)
            && string.IsNullOrWhiteSpace(c.IssuingBody)
        )
            return new RegistryCommandRejected(
                ReasonCodes.ProjectRequired,
                $"{c.InstrumentId} is {instrument.Definition.Class}: its issuance is a batch that names the project or the issuing body "
                    + $"it comes from."
            );
        return RegistryChecks.Quantity(instrument.Definition, c.Quantity);
    }
}
