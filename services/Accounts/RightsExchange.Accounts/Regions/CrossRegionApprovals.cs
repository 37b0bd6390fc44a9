using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Accounts.Regions;

/// <summary>
/// Cross-region approvals: a participant asks to acquire a region-bound right outside its home region; a regulator
/// approves, refuses or later revokes. Each step is an event of stream <c>crossregion:{participantId}:{instrumentId}</c>;
/// funding and settlement read it (<see cref="LedgerCommit.RegionalBreach"/>).
/// </summary>
public sealed class CrossRegionApprovalConsumer(LedgerWriter writer)
    : IConsumer<RequestCrossRegionApproval>,
        IConsumer<DecideCrossRegionApproval>
{
    public Task Consume(ConsumeContext<RequestCrossRegionApproval> context) => writer.Reply(context, Request);

    public Task Consume(ConsumeContext<DecideCrossRegionApproval> context) => writer.Reply(context, Decide);

    public static async Task<object> Request(LedgerCommit ledger, RequestCrossRegionApproval c)
    {
        var participant = (await ledger.Participant(c.ParticipantId)).State;
        if (participant is null)
            return new RegistryCommandRejected(ReasonCodes.ParticipantUnknown, $"No participant '{c.ParticipantId}'.");
        var instrument = (await ledger.Instrument(c.InstrumentId)).State?.Definition;
        if (instrument is null)
            return new RegistryCommandRejected(ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        if (!ledger.RegionalRules.IsBound(instrument))
            return new RegistryCommandRejected(
                ReasonCodes.NotRegionBound,
                $"{c.InstrumentId} ({instrument.Class}) is not bound to a region."
            );
        if (ledger.RegionalRules.Covers(instrument.Region, participant.Region))
            return new RegistryCommandRejected(
                ReasonCodes.WithinRegion,
                $"{c.ParticipantId} ({participant.Region}) lies in {instrument.Region}; no approval is needed."
            );
        var permit = await ledger.CrossRegion(c.ParticipantId, c.InstrumentId);
        if (permit.State?.Status is CrossRegionPermit.Pending or CrossRegionPermit.Approved)
            return new RegistryCommandRejected(
                permit.State.Status == CrossRegionPermit.Pending ? ReasonCodes.AlreadyPending : ReasonCodes.AlreadyApproved,
                $"The request of {c.ParticipantId} for {c.InstrumentId} is {permit.State.Status}."
            );
        permit.Append(
            new CrossRegionApprovalRequested(
                c.ParticipantId,
                c.InstrumentId,
                participant.Region,
                instrument.Region,
                c.Reason,
                c.RequestedBy,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(StreamKeys.CrossRegion(c.ParticipantId, c.InstrumentId));
    }

    public static async Task<object> Decide(LedgerCommit ledger, DecideCrossRegionApproval c)
    {
        if (c.Decision is not (CrossRegionDecision.Approve or CrossRegionDecision.Refuse or CrossRegionDecision.Revoke))
            return new RegistryCommandRejected(ReasonCodes.InvalidDecision, $"'{c.Decision}' is not Approve, Refuse or Revoke.");
        var permit = await ledger.CrossRegion(c.ParticipantId, c.InstrumentId);
        var status = permit.State?.Status;
        if (status is null)
            return new RegistryCommandRejected(ReasonCodes.NoRequest, $"{c.ParticipantId} has not asked for {c.InstrumentId}.");
        if (c.Decision == CrossRegionDecision.Revoke ? status != CrossRegionPermit.Approved : status != CrossRegionPermit.Pending)
            return new RegistryCommandRejected(
                c.Decision == CrossRegionDecision.Revoke ? ReasonCodes.NotApproved : ReasonCodes.NotPending,
                $"The request of {c.ParticipantId} for {c.InstrumentId} is {status}."
            );
        permit.Append(new CrossRegionApprovalDecided(c.ParticipantId, c.InstrumentId, c.Decision, c.Reason, c.DecidedBy, ledger.Now));
        return new RegistryCommandAccepted(StreamKeys.CrossRegion(c.ParticipantId, c.InstrumentId));
    }
}

/// <summary>Answers <see cref="GetCrossRegionApproval"/> from the permit's fold (status None when never requested).</summary>
public sealed class GetCrossRegionApprovalConsumer(IQuerySession session) : IConsumer<GetCrossRegionApproval>
{
    public async Task Consume(ConsumeContext<GetCrossRegionApproval> context)
    {
        var (participant, instrument) = (context.Message.ParticipantId, context.Message.InstrumentId);
        var permit = await session.LoadAsync<CrossRegionPermit>(StreamKeys.CrossRegion(participant, instrument), context.CancellationToken);
        await context.RespondAsync(new CrossRegionApprovalView(participant, instrument, permit?.Status ?? "None", permit?.History ?? []));
    }
}
