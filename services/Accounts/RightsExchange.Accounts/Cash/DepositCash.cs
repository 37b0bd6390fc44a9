using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Cash;

/// <summary>
/// Credits CNY to a participant's cash account; sent with the deposit id as message id, so a repeat credits nothing more.
/// Rejects PARTICIPANT_UNKNOWN and INVALID_AMOUNT (not positive or finer than 0.01 CNY).
/// </summary>
public sealed class DepositCashConsumer(LedgerWriter writer) : IConsumer<DepositCash>
{
    public Task Consume(ConsumeContext<DepositCash> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, DepositCash c)
    {
        if ((await ledger.Participant(c.ParticipantId)).State is null)
            return new RegistryCommandRejected(ReasonCodes.ParticipantUnknown, $"No participant '{c.ParticipantId}'.");
        if (c.Amount <= 0 || Money.RoundCny(c.Amount) != c.Amount)
            return new RegistryCommandRejected(ReasonCodes.InvalidAmount, "The amount must be positive CNY with at most two decimals.");
        var cash = await ledger.Cash(c.ParticipantId);
        cash.Append(new CashDeposited(c.DepositId, c.ParticipantId, Money.InCny(c.Amount), ledger.Now));
        return new RegistryCommandAccepted(c.ParticipantId);
    }
}
