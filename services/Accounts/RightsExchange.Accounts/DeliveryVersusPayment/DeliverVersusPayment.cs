using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Accounts.Orders;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.DeliveryVersusPayment;

/// <summary>
/// Delivery versus payment: applies a settlement's instructions in the same commit, from the reservations made when
/// the orders were funded: units seller → buyer, consideration plus the buyer's fee from the buyer, consideration less
/// the seller's fee to the seller, both fees to the exchange's fee account. Every transfer records the trade price.
/// The seller's proceeds from biodiversity credits pay its stewardship site's deposit still owed, in the same commit
/// (<see cref="Biodiversity.StewardshipConsumer.OnCreditSale"/>).
/// Either every leg posts (<see cref="SettlementPosted"/>) or none does (<see cref="SettlementRefused"/>, and the
/// trade's quantity is closed on both orders so their reservations are released): ACCOUNT_FROZEN or
/// PARTICIPANT_NOT_ACTIVE when either party was frozen or suspended after its order was accepted; RIGHT_EXPIRED past
/// the right's validity (Asia/Shanghai); REGION_NOT_ALLOWED when the buyer lies outside a region-bound right's region
/// and its cross-region approval was revoked; RESERVATION_MISSING, INSUFFICIENT_RESERVED_UNITS or INSUFFICIENT_CASH.
/// Instructions that contradict themselves are not applied at all: <see cref="MalformedMessageException"/>
/// dead-letters them with the reason.
/// </summary>
public sealed class SettlementInstructedConsumer(LedgerWriter writer) : IConsumer<MessageBatch<SettlementInstructed>>
{
    public Task Consume(ConsumeContext<MessageBatch<SettlementInstructed>> context) => writer.Apply(context, Handle, Announce);

    /// <summary>The streams a settlement touches: its record, both parties, the instrument, both orders, three cash accounts, two
    /// holdings.</summary>
    public static void Announce(LedgerCommit ledger, SettlementInstructed s)
    {
        ledger.Streams.Want<Participant>(StreamKeys.Participant(s.BuyerId));
        ledger.Streams.Want<Participant>(StreamKeys.Participant(s.SellerId));
        ledger.Streams.Want<Instrument>(StreamKeys.Instrument(s.InstrumentId));
        ledger.Streams.Want<CrossRegionPermit>(StreamKeys.CrossRegion(s.BuyerId, s.InstrumentId));
        ledger.Streams.Want<SettlementRecord>(StreamKeys.Settlement(s.SettlementId));
        ledger.Streams.Want<OrderReservation>(StreamKeys.Order(s.BuyOrderId));
        ledger.Streams.Want<OrderReservation>(StreamKeys.Order(s.SellOrderId));
        ledger.Streams.Want<CashAccount>(StreamKeys.Cash(s.BuyerId));
        ledger.Streams.Want<CashAccount>(StreamKeys.Cash(s.SellerId));
        ledger.Streams.Want<CashAccount>(StreamKeys.Cash(ledger.FeeAccountId));
        ledger.Streams.Want<Holding>(StreamKeys.Holding(s.SellerId, s.InstrumentId));
        ledger.Streams.Want<Holding>(StreamKeys.Holding(s.BuyerId, s.InstrumentId));
    }

    public static async Task Handle(LedgerCommit ledger, SettlementInstructed s)
    {
        if (Malformed(s) is { } malformed)
            throw new MalformedMessageException($"Settlement instructions {s.SettlementId}: {malformed}");
        var record = await ledger.Streams.Open<SettlementRecord>(StreamKeys.Settlement(s.SettlementId));
        if (record.State is not null)
            return;

        var buyOrder = await ledger.Order(s.BuyOrderId);
        var sellOrder = await ledger.Order(s.SellOrderId);
        var buyerCash = await ledger.Cash(s.BuyerId);
        var buyer = (await ledger.Participant(s.BuyerId)).State;
        var seller = (await ledger.Participant(s.SellerId)).State;
        var instrument = (await ledger.Instrument(s.InstrumentId)).State;
        var breach = buyer is not null && instrument is not null ? await ledger.RegionalBreach(buyer, instrument.Definition) : null;
        var state = new SettlementState(
            buyer,
            seller,
            instrument,
            breach,
            buyOrder.State,
            sellOrder.State,
            buyerCash.State?.Available ?? 0m
        );
        if (SettlementDecision.Refusal(s, state, MarketTime.TradingDateOf(ledger.Now)) is { } refusal)
        {
            record.Append(new SettlementRefused(s.SettlementId, refusal.Code, refusal.Detail, ledger.Now));
            await OrderClosedConsumer.Close(ledger, s.BuyOrderId, s.Quantity, ReasonCodes.SettlementFailed);
            await OrderClosedConsumer.Close(ledger, s.SellOrderId, s.Quantity, ReasonCodes.SettlementFailed);
            return;
        }
        var (fromReserved, fromAvailable) = SettlementDecision.Payment(s, buyOrder.State);

        var sellerHolding = await ledger.Holding(s.SellerId, s.InstrumentId);
        var buyerHolding = await ledger.Holding(s.BuyerId, s.InstrumentId);
        sellerHolding.Append(new UnitsDelivered(s.SettlementId, s.SellOrderId, s.Quantity, s.Price, s.BuyerId, ledger.Now));
        buyerHolding.Append(new UnitsReceived(s.SettlementId, s.Quantity, s.Price, s.SellerId, ledger.Now));
        if (instrument is not null)
            Serials.Move(ledger, instrument.Definition, SerialMovement.Settled, s.SettlementId, sellerHolding, s.Quantity, buyerHolding);
        buyerCash.Append(
            new ConsiderationPaid(
                s.SettlementId,
                s.BuyOrderId,
                s.Consideration.Amount,
                s.BuyerFee.Amount,
                fromReserved,
                fromAvailable,
                s.SellerId,
                ledger.Now
            )
        );
        (await ledger.Cash(s.SellerId)).Append(
            new ConsiderationReceived(s.SettlementId, s.Consideration.Amount, s.SellerFee.Amount, s.BuyerId, ledger.Now)
        );
        (await ledger.Cash(ledger.FeeAccountId)).Append(
            new FeesCollected(s.SettlementId, s.BuyerFee.Amount, s.SellerFee.Amount, ledger.Now)
        );
        buyOrder.Append(new FillSettled(s.SettlementId, s.Quantity, fromReserved, ledger.Now));
        sellOrder.Append(new FillSettled(s.SettlementId, s.Quantity, s.Quantity, ledger.Now));
        await OrderClosedConsumer.ReleaseIfDone(ledger, buyOrder);
        await OrderClosedConsumer.ReleaseIfDone(ledger, sellOrder);
        record.Append(new SettlementPosted(s.SettlementId, ledger.Now));
        if (instrument?.Definition.Class == InstrumentClass.BiodiversityCredit)
            await Biodiversity.StewardshipConsumer.OnCreditSale(
                ledger,
                s.SellerId,
                s.InstrumentId,
                s.Consideration.Amount - s.SellerFee.Amount,
                s.SettlementId
            );
    }

    /// <summary>Why <paramref name="s"/> cannot be applied as it stands, or null.</summary>
    public static string? Malformed(SettlementInstructed s) =>
        string.IsNullOrWhiteSpace(s.SettlementId) ? "no settlement id."
        : string.IsNullOrWhiteSpace(s.InstrumentId) ? "no instrument."
        : string.IsNullOrWhiteSpace(s.BuyerId) || string.IsNullOrWhiteSpace(s.SellerId) ? "a party is missing."
        : s.BuyerId == s.SellerId ? "the buyer and the seller are the same participant."
        : s.BuyOrderId == Guid.Empty || s.SellOrderId == Guid.Empty ? "an order id is missing."
        : s.Quantity <= 0 ? $"the quantity {s.Quantity} is not positive."
        : s.Price <= 0 ? $"the price {s.Price} is not positive."
        : s.Consideration.Currency != Money.Cny || s.BuyerFee.Currency != Money.Cny || s.SellerFee.Currency != Money.Cny
            ? "an amount is not in CNY."
        : s.Consideration.Amount != Money.RoundCny(s.Price * s.Quantity)
            ? $"the consideration {s.Consideration} is not price × quantity ({Money.RoundCny(s.Price * s.Quantity):0.00} CNY)."
        : s.BuyerFee.Amount < 0 || s.SellerFee.Amount < 0 ? "a fee is negative."
        : null;
}
