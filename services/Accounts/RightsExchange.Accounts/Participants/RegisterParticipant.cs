using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Accounts.Participants;

/// <summary>Registers a participant. Rejects PARTICIPANT_EXISTS for an id already taken.</summary>
public sealed class RegisterParticipantConsumer(LedgerWriter writer) : IConsumer<RegisterParticipant>
{
    public Task Consume(ConsumeContext<RegisterParticipant> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerUnit ledger, RegisterParticipant command)
    {
        var participant = await ledger.Participant(command.ParticipantId);
        if (participant.State is not null)
            return new RegistryCommandRejected("PARTICIPANT_EXISTS", $"Participant '{command.ParticipantId}' is already registered.");
        participant.Append(new ParticipantRegistered(command.ParticipantId, command.Name, command.Kind, command.Region, ledger.Now));
        return new RegistryCommandAccepted(command.ParticipantId);
    }
}
