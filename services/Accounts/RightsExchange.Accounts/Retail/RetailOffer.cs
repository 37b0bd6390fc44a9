using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Retail.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Retail;

/// <summary>A retail offer (stream <c>retail-offer:{offerId}</c>): its terms, what has been sold from it, whether it is
/// withdrawn.</summary>
public sealed record RetailOffer(string Id, RetailOfferListed Terms, decimal Sold, int Purchases, bool Withdrawn) : IFold<RetailOffer>
{
    public static string StreamPrefix => "retail-offer:";

    /// <summary>Units still offered, in the right's unit: none once withdrawn.</summary>
    public decimal Remaining => Withdrawn ? 0m : Terms.Quantity.Amount - Sold;

    public static RetailOffer? Fold(RetailOffer? state, string streamKey, object @event) =>
        (state, @event) switch
        {
            (null, RetailOfferListed e) => new RetailOffer(streamKey, e, 0m, 0, false),
            ({ Withdrawn: false } s, RetailPurchaseSettled e) => s with { Sold = s.Sold + e.Quantity.Amount, Purchases = s.Purchases + 1 },
            ({ Withdrawn: false } s, RetailOfferWithdrawn) => s with { Withdrawn = true },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to retail offer {streamKey}"),
        };

    public RetailOfferView ToView() =>
        new(
            Terms.OfferId,
            Terms,
            Sold,
            Remaining,
            Purchases,
            Withdrawn ? "Withdrawn"
                : Remaining == 0m ? "SoldOut"
                : "Open"
        );
}

/// <summary>
/// Retail offers: a seller sets units of a right listed for retail aside at a fixed price for the public to buy
/// (<see cref="BuyRetailConsumer"/>), and may withdraw what is unsold. The units are reserved in the seller's holding in
/// the offer's commit, so a purchase settles from the reservation as a trade settles from its sell order's.
/// </summary>
public sealed class RetailOfferConsumer(LedgerWriter writer) : IConsumer<ListRetailOffer>, IConsumer<WithdrawRetailOffer>
{
    public Task Consume(ConsumeContext<ListRetailOffer> context) => writer.Reply(context, List);

    public Task Consume(ConsumeContext<WithdrawRetailOffer> context) => writer.Reply(context, Withdraw);

    public static async Task<object> List(LedgerCommit ledger, ListRetailOffer c)
    {
        var seller = (await ledger.Participant(c.SellerId)).State;
        if (RegistryChecks.Active(seller, c.SellerId) is { } inactive)
            return inactive;
        if (seller!.Kind == ParticipantKind.Individual)
            return new RegistryCommandRejected(
                ReasonCodes.RetailOnly,
                $"{c.SellerId} is an individual's account: it buys for retirement and sells nothing."
            );
        var instrument = (await ledger.Instrument(c.InstrumentId)).State?.Definition;
        if (instrument is null)
            return new RegistryCommandRejected(ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        if (instrument.RetailStep is not { } step)
            return new RegistryCommandRejected(
                ReasonCodes.NotRetail,
                $"{c.InstrumentId} is not listed for retail (ListInstrument.Retail)."
            );
        var offer = await ledger.Streams.Open<RetailOffer>(RetailOffer.StreamPrefix + c.OfferId);
        if (offer.State is not null)
            return new RegistryCommandRejected(ReasonCodes.OfferExists, $"Retail offer {c.OfferId} is listed already.");
        if (!RegistryChecks.IsCnyAmount(Money.InCny(c.Price)))
            return new RegistryCommandRejected(
                ReasonCodes.InvalidPrice,
                $"A retail price is a positive CNY amount in whole fen per {instrument.Unit}; {c.Price} is not."
            );
        if (!Quantities.IsValid(c.Quantity, step))
            return new RegistryCommandRejected(
                ReasonCodes.InvalidQuantity,
                $"An offer is a positive multiple of the retail step, {step} {instrument.Unit}; {c.Quantity} is not."
            );
        var holding = await ledger.Holding(c.SellerId, c.InstrumentId);
        if (RegistryChecks.Available(holding.State, instrument, c.Quantity, "Offering") is { } lacking)
            return lacking;
        holding.Append(new UnitsReservedForOffer(c.OfferId, c.Quantity, ledger.Now));
        offer.Append(
            new RetailOfferListed(
                c.OfferId,
                c.SellerId,
                c.InstrumentId,
                instrument.Name,
                c.Price,
                new Quantity(c.Quantity, instrument.Unit),
                step,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(c.OfferId.ToString());
    }

    public static async Task<object> Withdraw(LedgerCommit ledger, WithdrawRetailOffer c)
    {
        var offer = await ledger.Streams.Open<RetailOffer>(RetailOffer.StreamPrefix + c.OfferId);
        if (offer.State is not { } o)
            return new RegistryCommandRejected(ReasonCodes.OfferUnknown, $"No retail offer {c.OfferId}.");
        if (o.Terms.SellerId != c.SellerId)
            return new RegistryCommandRejected(ReasonCodes.NotSeller, $"Retail offer {c.OfferId} is {o.Terms.SellerId}'s.");
        if (o.Withdrawn)
            return new RegistryCommandRejected(ReasonCodes.OfferClosed, $"Retail offer {c.OfferId} is withdrawn already.");
        var released = o.Remaining;
        if (released > 0m)
            (await ledger.Holding(o.Terms.SellerId, o.Terms.InstrumentId)).Append(new OfferUnitsReleased(c.OfferId, released, ledger.Now));
        offer.Append(new RetailOfferWithdrawn(c.OfferId, released, c.RequestedBy, ledger.Now));
        return new RegistryCommandAccepted(c.OfferId.ToString());
    }
}

/// <summary>Answers <see cref="GetRetailOffer"/> (no offer in the view when there is none).</summary>
public sealed class GetRetailOfferConsumer(IQuerySession session) : IConsumer<GetRetailOffer>
{
    public async Task Consume(ConsumeContext<GetRetailOffer> context)
    {
        var id = context.Message.OfferId;
        var offer = await session.LoadAsync<RetailOffer>(RetailOffer.StreamPrefix + id, context.CancellationToken);
        await context.RespondAsync(offer?.ToView() ?? new RetailOfferView(id, null, 0m, 0m, 0, "Unknown"));
    }
}
