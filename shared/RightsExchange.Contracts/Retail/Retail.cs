using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

// Retail sales to the public (the "one-yuan carbon sink"). Version 1. A seller lists a retail offer of a right listed
// for retail at a fixed price; an individual who signed up through the identity provider buys by amount in CNY; the
// registry settles the purchase delivery versus payment and retires the units at once for the buyer's beneficiary, all
// in one commit. Streams in accounts: retail-offer:{offerId} (the offer and every sale from it) and
// retail-buyer:{participantId} (what the individual spent, for the yearly limit); the retirement record is the
// ordinary retirement:{purchaseId}.
namespace RightsExchange.Contracts.Retail.V1;

/// <summary>
/// Request: offer units of a right listed for retail (<see cref="ListInstrument.Retail"/>) to the public at a fixed
/// price. The units are reserved from the seller's holding until sold or the offer is withdrawn. Rejected:
/// PARTICIPANT_UNKNOWN, PARTICIPANT_NOT_ACTIVE, ACCOUNT_FROZEN, RETAIL_ONLY (an individual sells nothing),
/// INSTRUMENT_UNKNOWN, NOT_RETAIL (the right is not listed for retail), OFFER_EXISTS, INVALID_PRICE (not a positive
/// CNY amount in whole fen), INVALID_QUANTITY (not a positive multiple of the retail step), INSUFFICIENT_UNITS.
/// </summary>
/// <param name="Price">CNY per unit of the right (per tonne for a sink), whole fen.</param>
/// <param name="Quantity">Units offered, in the right's unit, a multiple of its retail step.</param>
public sealed record ListRetailOffer(
    Guid OfferId,
    string SellerId,
    string InstrumentId,
    decimal Price,
    decimal Quantity,
    string RequestedBy
);

/// <summary>Event (stream <c>retail-offer:{offerId}</c>): a retail offer listed.</summary>
/// <param name="RetailStep">The right's retail step: the smallest quantity sold, and one serial each where serialized.</param>
public sealed record RetailOfferListed(
    Guid OfferId,
    string SellerId,
    string InstrumentId,
    string InstrumentName,
    decimal Price,
    Quantity Quantity,
    decimal RetailStep,
    Instant ListedAt
);

/// <summary>
/// Request: withdraw a retail offer; what is unsold returns to the seller's available units. Rejected: OFFER_UNKNOWN,
/// NOT_SELLER, OFFER_CLOSED (withdrawn already).
/// </summary>
public sealed record WithdrawRetailOffer(Guid OfferId, string SellerId, string RequestedBy);

/// <summary>Event (stream <c>retail-offer:{offerId}</c>): the offer withdrawn, <paramref name="Released"/> unsold units freed.</summary>
public sealed record RetailOfferWithdrawn(Guid OfferId, decimal Released, string RequestedBy, Instant WithdrawnAt);

/// <summary>
/// Request: an individual buys from a retail offer for at most <paramref name="Amount"/> CNY. The quantity is the
/// largest multiple of the retail step whose consideration (price × quantity, half up to 0.01 CNY) plus the buyer's
/// retail fee fits in the amount; that is what the buyer pays, never more than the amount. The purchase settles
/// delivery versus payment and its units are retired at once for <paramref name="Beneficiary"/> (retirement id = the
/// purchase id). Rejected: PARTICIPANT_UNKNOWN, PARTICIPANT_NOT_ACTIVE, ACCOUNT_FROZEN, NOT_INDIVIDUAL (retail
/// purchases are for individuals), OFFER_UNKNOWN, OFFER_CLOSED, BENEFICIARY_MISSING, INVALID_AMOUNT (not a positive
/// CNY amount in whole fen), RETAIL_LIMIT_EXCEEDED (above <c>Retail:MaxAmountPerPurchase</c>, or the year's purchases
/// would pass <c>Retail:MaxAmountPerYear</c>, Asia/Shanghai calendar year), AMOUNT_TOO_SMALL (less than one retail step
/// costs), OFFER_SOLD_OUT (the offer has less left than the amount buys), RIGHT_EXPIRED, REGION_NOT_ALLOWED,
/// INSUFFICIENT_CASH.
/// </summary>
/// <param name="Amount">CNY the buyer is willing to pay, whole fen.</param>
/// <param name="Beneficiary">Whose footprint the retirement offsets, as the buyer wants it shown on the public record.</param>
public sealed record BuyRetail(Guid PurchaseId, Guid OfferId, string BuyerId, decimal Amount, string Beneficiary, string RequestedBy);

/// <summary>
/// Event (stream <c>retail-offer:{offerId}</c>, on the bus like every contract event; the public feed carries its
/// retirement as <c>RetirementRecorded</c>): a retail purchase settled delivery versus payment and retired. Consideration and fees are
/// CNY; <paramref name="Serials"/> are the retired serial blocks, one
/// serial per retail step (none for a right without serials).
/// </summary>
/// <param name="BuyerFee">The retail row of the fee schedule on the buyer's side (<c>FeeSchedule:Retail</c>).</param>
/// <param name="SellerFee">The same row on the seller's side, taken from what the seller receives.</param>
public sealed record RetailPurchaseSettled(
    Guid PurchaseId,
    Guid OfferId,
    string InstrumentId,
    string SellerId,
    string BuyerId,
    Quantity Quantity,
    decimal Price,
    Money Consideration,
    Money BuyerFee,
    Money SellerFee,
    string Beneficiary,
    IReadOnlyList<SerialBlock>? Serials,
    Instant SettledAt
);

/// <summary>Request: a retail offer and what is left of it (public).</summary>
public sealed record GetRetailOffer(Guid OfferId);

/// <summary>Reply to <see cref="GetRetailOffer"/>; <paramref name="Offer"/> is null when there is no such offer.</summary>
/// <param name="Sold">Units sold so far, in the right's unit.</param>
/// <param name="Remaining">Units still offered (0 once withdrawn).</param>
/// <param name="Status">Open, SoldOut or Withdrawn.</param>
public sealed record RetailOfferView(Guid OfferId, RetailOfferListed? Offer, decimal Sold, decimal Remaining, int Purchases, string Status);

/// <summary>
/// The retail row of the fee schedule (<c>FeeSchedule:Retail</c>): no fee on a purchase whose consideration is below
/// <paramref name="ZeroBelow"/> CNY; at or above it, basis points of the consideration per side, half up to 0.01 CNY,
/// with no minimum (the trading row's 1.00 CNY minimum would be larger than a one-yuan purchase).
/// </summary>
public sealed record RetailFeeRow(decimal BuyerBasisPoints, decimal SellerBasisPoints, decimal ZeroBelow)
{
    public decimal BuyerFee(decimal consideration) =>
        consideration < ZeroBelow ? 0m : Settlement.V1.FeeSchedule.FeeOn(consideration, BuyerBasisPoints);

    public decimal SellerFee(decimal consideration) =>
        consideration < ZeroBelow ? 0m : Settlement.V1.FeeSchedule.FeeOn(consideration, SellerBasisPoints);
}
