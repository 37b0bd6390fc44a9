using MassTransit;
using Microsoft.Extensions.Options;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Accounts.Retirement;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Retail.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Retail;

/// <summary>What an individual has paid in retail purchases in the latest calendar year it bought in (stream
/// <c>retail-buyer:{participantId}</c>).</summary>
public sealed record RetailBuyer(string Id, int Year, decimal SpentInYear) : IFold<RetailBuyer>
{
    public static string StreamPrefix => "retail-buyer:";

    /// <summary>CNY paid in <paramref name="year"/>.</summary>
    public decimal SpentIn(int year) => Year == year ? SpentInYear : 0m;

    public static RetailBuyer? Fold(RetailBuyer? state, string streamKey, object @event) =>
        (state, @event) switch
        {
            ({ } s, RetailSpendingRecorded e) when s.Year == e.Year => s with { SpentInYear = s.SpentInYear + e.Amount },
            (_, RetailSpendingRecorded e) => new RetailBuyer(streamKey, e.Year, e.Amount),
            _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to retail buyer {streamKey}"),
        };
}

/// <summary>A retail purchase priced: units, the consideration for them and the buyer's fee, CNY.</summary>
public readonly record struct RetailPrice(decimal Quantity, decimal Consideration, decimal BuyerFee)
{
    /// <summary>What the buyer pays: consideration plus fee.</summary>
    public decimal Paid => Consideration + BuyerFee;

    /// <summary>
    /// The most a buyer gets for at most <paramref name="amount"/> CNY at <paramref name="price"/> CNY per unit: the
    /// largest multiple of <paramref name="step"/> whose consideration (half up to 0.01 CNY) plus the buyer's fee of
    /// <paramref name="fees"/> fits in the amount; null when not even one step does. The quantity is never rounded up
    /// and the buyer never pays more than the amount.
    /// </summary>
    public static RetailPrice? For(decimal amount, decimal price, decimal step, RetailFeeRow fees)
    {
        // Half-up rounding can make a consideration up to half a fen cheaper than price × quantity, so start just above.
        for (var steps = decimal.Floor((amount + 0.005m) / (price * step)); steps > 0; steps--)
        {
            var quantity = steps * step;
            var consideration = Money.RoundCny(quantity * price);
            var fee = fees.BuyerFee(consideration);
            if (consideration + fee <= amount)
                return new RetailPrice(quantity, consideration, fee);
        }
        return null;
    }
}

/// <summary>
/// A retail purchase, in one commit: the checks of <see cref="BuyRetail"/>, then delivery versus payment from the
/// offer's reservation (units seller → buyer with their serials, consideration plus the buyer's retail fee from the
/// buyer's available cash, consideration less the seller's fee to the seller, fees to the exchange), then the units
/// retired from the buyer's holding at once, with the public retirement record (<c>retirement:{purchaseId}</c>) naming
/// the beneficiary and the serials. So an individual's account never holds units: no resale.
/// </summary>
public sealed class BuyRetailConsumer(LedgerWriter writer, IOptions<RetailSettings> settings, IOptions<FeeScheduleSettings> fees)
    : IConsumer<BuyRetail>
{
    public Task Consume(ConsumeContext<BuyRetail> context) =>
        writer.Reply(context, (ledger, c) => Handle(ledger, c, settings.Value, fees.Value.Retail.ToRow()));

    public static async Task<object> Handle(LedgerCommit ledger, BuyRetail c, RetailSettings rules, RetailFeeRow fees)
    {
        var buyer = (await ledger.Participant(c.BuyerId)).State;
        if (RegistryChecks.Active(buyer, c.BuyerId) is { } inactive)
            return inactive;
        if (buyer!.Kind != ParticipantKind.Individual)
            return Refused(
                ReasonCodes.NotIndividual,
                $"{c.BuyerId} is {buyer.Kind}; retail purchases are for individuals, members buy on the order book."
            );
        var offer = await ledger.Streams.Open<RetailOffer>(RetailOffer.StreamPrefix + c.OfferId);
        if (offer.State is not { } o)
            return Refused(ReasonCodes.OfferUnknown, $"No retail offer {c.OfferId}.");
        if (o.Withdrawn)
            return Refused(ReasonCodes.OfferClosed, $"Retail offer {c.OfferId} is withdrawn.");
        if (string.IsNullOrWhiteSpace(c.Beneficiary))
            return Refused(ReasonCodes.BeneficiaryMissing, "A retail purchase is retired for a beneficiary; name it.");
        if (!RegistryChecks.IsCnyAmount(Money.InCny(c.Amount)))
            return Refused(ReasonCodes.InvalidAmount, $"The amount is a positive CNY amount in whole fen; {c.Amount} is not.");
        if (c.Amount > rules.MaxAmountPerPurchase)
            return Refused(
                ReasonCodes.RetailLimitExceeded,
                $"A retail purchase is at most {rules.MaxAmountPerPurchase:0.00} CNY (Retail:MaxAmountPerPurchase)."
            );
        var terms = o.Terms;
        if (RetailPrice.For(c.Amount, terms.Price, terms.RetailStep, fees) is not { } price)
            return Refused(
                ReasonCodes.AmountTooSmall,
                $"At {terms.Price:0.00} CNY per {terms.Quantity.Unit} the smallest purchase, {terms.RetailStep} {terms.Quantity.Unit}, "
                    + $"costs more than {c.Amount:0.00} CNY."
            );
        var year = MarketTime.TradingDateOf(ledger.Now).Year;
        var spending = await ledger.Streams.Open<RetailBuyer>(RetailBuyer.StreamPrefix + c.BuyerId);
        var spent = spending.State?.SpentIn(year) ?? 0m;
        if (spent + price.Paid > rules.MaxAmountPerYear)
            return Refused(
                ReasonCodes.RetailLimitExceeded,
                $"{c.BuyerId} has paid {spent:0.00} CNY in retail purchases in {year}; {price.Paid:0.00} more would pass the yearly "
                    + $"{rules.MaxAmountPerYear:0.00} CNY (Retail:MaxAmountPerYear)."
            );
        if (price.Quantity > o.Remaining)
            return Refused(
                ReasonCodes.OfferSoldOut,
                $"Retail offer {c.OfferId} has {o.Remaining} {terms.Quantity.Unit} left; {c.Amount:0.00} CNY buys {price.Quantity}."
            );
        var instrument = (await ledger.Instrument(terms.InstrumentId)).State!;
        var definition = instrument.Definition;
        if (instrument.ExpiredOn(MarketTime.TradingDateOf(ledger.Now)))
            return Refused(ReasonCodes.RightExpired, $"{terms.InstrumentId} was valid until {definition.ValidTo}.");
        if (await ledger.RegionalBreach(buyer, definition) is { } breach)
            return Refused(ReasonCodes.RegionNotAllowed, breach);
        if (RegistryChecks.NotActive((await ledger.Participant(terms.SellerId)).State, terms.SellerId) is (string code, string why))
            return Refused(code, $"The seller: {why}");
        var buyerCash = await ledger.Cash(c.BuyerId);
        if ((buyerCash.State?.Available ?? 0m) < price.Paid)
            return Refused(
                ReasonCodes.InsufficientCash,
                $"The purchase costs {price.Paid:0.00} CNY; {c.BuyerId} has {buyerCash.State?.Available ?? 0m:0.00} CNY available."
            );

        var sellerFee = fees.SellerFee(price.Consideration);
        var sellerHolding = await ledger.Holding(terms.SellerId, terms.InstrumentId);
        var buyerHolding = await ledger.Holding(c.BuyerId, terms.InstrumentId);
        var reference = c.PurchaseId.ToString();
        sellerHolding.Append(new RetailUnitsDelivered(c.PurchaseId, c.OfferId, price.Quantity, terms.Price, c.BuyerId, ledger.Now));
        buyerHolding.Append(new RetailUnitsReceived(c.PurchaseId, price.Quantity, terms.Price, terms.SellerId, ledger.Now));
        Serials.Move(ledger, definition, SerialMovement.Settled, reference, sellerHolding, price.Quantity, buyerHolding);
        buyerCash.Append(new RetailPaymentMade(c.PurchaseId, price.Consideration, price.BuyerFee, terms.SellerId, ledger.Now));
        (await ledger.Cash(terms.SellerId)).Append(
            new RetailPaymentReceived(c.PurchaseId, price.Consideration, sellerFee, c.BuyerId, ledger.Now)
        );
        if (price.BuyerFee + sellerFee > 0m)
            (await ledger.Cash(ledger.FeeAccountId)).Append(new RetailFeesCollected(c.PurchaseId, price.BuyerFee, sellerFee, ledger.Now));

        buyerHolding.Append(new UnitsRetired(c.PurchaseId, price.Quantity, ledger.Now));
        var serials = Serials.Move(ledger, definition, SerialMovement.Retired, reference, buyerHolding, price.Quantity);
        var quantity = new Quantity(price.Quantity, definition.Unit);
        ledger.Streams.Session.Events.StartStream(
            RetireUnitsConsumer.StreamPrefix + c.PurchaseId,
            new RetirementRecorded(
                c.PurchaseId,
                definition.InstrumentId,
                definition.Name,
                definition.Vintage,
                c.BuyerId,
                quantity,
                c.Beneficiary,
                $"Retail purchase from offer {c.OfferId}",
                ledger.Now,
                serials.Count > 0 ? serials : null
            )
        );
        offer.Append(
            new RetailPurchaseSettled(
                c.PurchaseId,
                c.OfferId,
                terms.InstrumentId,
                terms.SellerId,
                c.BuyerId,
                quantity,
                terms.Price,
                Money.InCny(price.Consideration),
                Money.InCny(price.BuyerFee),
                Money.InCny(sellerFee),
                c.Beneficiary,
                serials.Count > 0 ? serials : null,
                ledger.Now
            )
        );
        spending.Append(new RetailSpendingRecorded(c.PurchaseId, price.Paid, year, ledger.Now));
        return new RegistryCommandAccepted(c.PurchaseId.ToString());
    }

    private static RegistryCommandRejected Refused(string reason, string detail) => new(reason, detail);
}
