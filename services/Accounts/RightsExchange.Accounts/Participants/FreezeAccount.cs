using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.Accounts.Participants;

/// <summary>
/// Freezes and unfreezes a participant's accounts (judicial or regulatory orders, with their reason). A frozen
/// participant's orders are rejected at funding and its trades fail at settlement (ACCOUNT_FROZEN).
/// </summary>
public sealed class FreezeAccountConsumer(LedgerWriter writer) : IConsumer<FreezeAccount>, IConsumer<UnfreezeAccount>
{
    public Task Consume(ConsumeContext<FreezeAccount> context) => writer.Reply(context, Freeze);

    public Task Consume(ConsumeContext<UnfreezeAccount> context) => writer.Reply(context, Unfreeze);

    public static async Task<object> Freeze(LedgerCommit ledger, FreezeAccount command)
    {
        var participant = await ledger.Participant(command.ParticipantId);
        if (participant.State is null)
            return new RegistryCommandRejected(ReasonCodes.ParticipantUnknown, $"No participant '{command.ParticipantId}'.");
        if (participant.State.Frozen)
            return new RegistryCommandRejected(
                ReasonCodes.AlreadyFrozen,
                $"Participant '{command.ParticipantId}' is already frozen: {participant.State.FrozenReason}"
            );
        participant.Append(new AccountFrozen(command.ParticipantId, command.Reason, command.RequestedBy, ledger.Now));
        return new RegistryCommandAccepted(command.ParticipantId);
    }

    public static async Task<object> Unfreeze(LedgerCommit ledger, UnfreezeAccount command)
    {
        var participant = await ledger.Participant(command.ParticipantId);
        if (participant.State is null)
            return new RegistryCommandRejected(ReasonCodes.ParticipantUnknown, $"No participant '{command.ParticipantId}'.");
        if (!participant.State.Frozen)
            return new RegistryCommandRejected(ReasonCodes.NotFrozen, $"Participant '{command.ParticipantId}' is not frozen.");
        participant.Append(new AccountUnfrozen(command.ParticipantId, command.Reason, command.RequestedBy, ledger.Now));
        return new RegistryCommandAccepted(command.ParticipantId);
    }
}
