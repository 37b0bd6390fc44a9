using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Accounts.Participants;

/// <summary>Registers a participant, Active or (when asked) Pending. Rejects PARTICIPANT_EXISTS for an id already taken.</summary>
public sealed class RegisterParticipantConsumer(LedgerWriter writer) : IConsumer<RegisterParticipant>
{
    public Task Consume(ConsumeContext<RegisterParticipant> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, RegisterParticipant command)
    {
        var participant = await ledger.Participant(command.ParticipantId);
        if (participant.State is not null)
            return new RegistryCommandRejected(
                ReasonCodes.ParticipantExists,
                $"Participant '{command.ParticipantId}' is already registered."
            );
        participant.Append(
            new ParticipantRegistered(
                command.ParticipantId,
                command.Name,
                command.Kind,
                command.Region,
                ledger.Now,
                command.Pending ? ParticipantStatus.Pending : ParticipantStatus.Active
            )
        );
        return new RegistryCommandAccepted(command.ParticipantId);
    }
}

/// <summary>Activates a pending participant, suspends an active one or reinstates a suspended one (regulator).</summary>
public sealed class ChangeParticipantStatusConsumer(LedgerWriter writer) : IConsumer<ChangeParticipantStatus>
{
    public Task Consume(ConsumeContext<ChangeParticipantStatus> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, ChangeParticipantStatus c)
    {
        var participant = await ledger.Participant(c.ParticipantId);
        if (participant.State is null)
            return new RegistryCommandRejected(ReasonCodes.ParticipantUnknown, $"No participant '{c.ParticipantId}'.");
        if (c.Status is not (ParticipantStatus.Active or ParticipantStatus.Suspended))
            return new RegistryCommandRejected(ReasonCodes.InvalidStatus, $"'{c.Status}' is not Active or Suspended.");
        if (participant.State.Status == c.Status)
            return new RegistryCommandRejected(ReasonCodes.SameStatus, $"Participant '{c.ParticipantId}' is already {c.Status}.");
        participant.Append(new ParticipantStatusChanged(c.ParticipantId, c.Status, c.Reason, c.RequestedBy, ledger.Now));
        return new RegistryCommandAccepted(c.ParticipantId);
    }
}
