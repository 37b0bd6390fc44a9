using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Ledger;

/// <summary>
/// A participant's CNY cash account (stream <c>cash:{participant}</c>). Held = <see cref="Available"/> + <see cref="Reserved"/>.
/// The state is the fold of the stream.
/// </summary>
public sealed record CashAccount(string Id, string ParticipantId, decimal Available, decimal Reserved) : IFold<CashAccount>
{
    public static string StreamPrefix => "cash:";

    public decimal Held => Available + Reserved;

    /// <summary>Folds one event. Throws <see cref="InvalidOperationException"/> for an event that does not belong to a cash
    /// account.</summary>
    public static CashAccount? Fold(CashAccount? state, string streamKey, object @event)
    {
        var c = state ?? new CashAccount(streamKey, streamKey[StreamPrefix.Length..], 0m, 0m);
        return @event switch
        {
            CashDeposited e => c with { Available = c.Available + e.Amount.Amount },
            CashReserved e => c with { Available = c.Available - e.Amount, Reserved = c.Reserved + e.Amount },
            CashReleased e => c with { Available = c.Available + e.Amount, Reserved = c.Reserved - e.Amount },
            ConsiderationPaid e => c with { Reserved = c.Reserved - e.FromReserved, Available = c.Available - e.FromAvailable },
            ConsiderationReceived e => c with { Available = c.Available + e.Consideration - e.Fee },
            FeesCollected e => c with { Available = c.Available + e.BuyerFee + e.SellerFee },
            Retail.RetailPaymentMade e => c with { Available = c.Available - e.Consideration - e.Fee },
            Retail.RetailPaymentReceived e => c with { Available = c.Available + e.Consideration - e.Fee },
            Retail.RetailFeesCollected e => c with { Available = c.Available + e.BuyerFee + e.SellerFee },
            ConservationFundPaymentMade e => c with { Available = c.Available - e.Amount },
            ConservationFundPaymentReceived e => c with { Available = c.Available + e.Amount },
            StewardshipCashPaid e => c with { Available = c.Available - e.Amount },
            StewardshipCashReceived e => c with { Available = c.Available + e.Amount },
            RepurchasePaid e => c with { Available = c.Available - e.Amount },
            RepurchaseReceived e => c with { Available = c.Available + e.Amount },
            CompensationCashPaid e => c with { Available = c.Available - e.Amount.Amount },
            CompensationCashReceived e => c with { Available = c.Available + e.Amount.Amount },
            FundSpent e when c.ParticipantId == e.FundAccountId => c with { Available = c.Available - e.Amount.Amount },
            FundSpent e => c with { Available = c.Available + e.Amount.Amount },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} is not a cash event"),
        };
    }
}
