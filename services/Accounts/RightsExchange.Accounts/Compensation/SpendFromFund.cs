using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// Pays out of an agreement's fund account for a stated purpose, recorded with the payment on the agreement's stream
/// and on both cash streams in one commit (the 2024 Regulation asks that compensation funds be spent on protection and
/// that the spending be traceable). Rejections are listed on <see cref="SpendFromFund"/>.
/// </summary>
public sealed class SpendFromFundConsumer(LedgerWriter writer) : IConsumer<SpendFromFund>
{
    public Task Consume(ConsumeContext<SpendFromFund> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, SpendFromFund c)
    {
        var stream = await ledger.Agreement(c.AgreementId);
        if (stream.State is not { } agreement)
            return CompensationAgreement.Unknown(c.AgreementId);
        if (agreement.Terms.FundAccountId is not { } fund)
            return new RegistryCommandRejected(ReasonCodes.NoFund, $"Agreement {c.AgreementId} names no fund account.");
        if (c.Amount <= 0 || Money.RoundCny(c.Amount) != c.Amount)
            return new RegistryCommandRejected(ReasonCodes.InvalidAmount, "The amount must be positive CNY with at most two decimals.");
        if (string.IsNullOrWhiteSpace(c.Purpose))
            return new RegistryCommandRejected(ReasonCodes.PurposeRequired, "Spending from a compensation fund states its purpose.");
        if (c.PayeeId == fund)
            return new RegistryCommandRejected(ReasonCodes.InvalidPayee, "The fund cannot pay itself.");
        foreach (var id in new[] { fund, c.PayeeId })
        {
            if (RegistryChecks.Active((await ledger.Participant(id)).State, id) is { } inactive)
                return inactive;
        }
        var fundCash = await ledger.Cash(fund);
        var available = fundCash.State?.Available ?? 0m;
        if (available < c.Amount)
            return new RegistryCommandRejected(
                ReasonCodes.InsufficientCash,
                $"The fund {fund} has {available:0.00} CNY available; {c.Amount:0.00} CNY was asked for."
            );
        var spent = new FundSpent(
            c.SpendingId,
            c.AgreementId,
            fund,
            c.PayeeId,
            Money.InCny(c.Amount),
            c.Purpose,
            c.RequestedBy,
            ledger.Now
        );
        fundCash.Append(spent);
        (await ledger.Cash(c.PayeeId)).Append(spent);
        stream.Append(spent);
        return new RegistryCommandAccepted(c.SpendingId.ToString());
    }
}
