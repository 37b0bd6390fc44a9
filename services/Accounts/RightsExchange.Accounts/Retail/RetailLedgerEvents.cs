using NodaTime;

namespace RightsExchange.Accounts.Retail;

/// <summary>Event (seller's holding): units set aside for retail offer <paramref name="OfferId"/>; they count as reserved.</summary>
public sealed record UnitsReservedForOffer(Guid OfferId, decimal Quantity, Instant At);

/// <summary>Event (seller's holding): unsold units of a withdrawn retail offer back to available.</summary>
public sealed record OfferUnitsReleased(Guid OfferId, decimal Quantity, Instant At);

/// <summary>Event (seller's holding): offered units delivered to a retail buyer at <paramref name="Price"/> CNY per unit.</summary>
public sealed record RetailUnitsDelivered(Guid PurchaseId, Guid OfferId, decimal Quantity, decimal Price, string BuyerId, Instant At);

/// <summary>Event (buyer's holding): units bought from a retail offer; the same commit retires them (<c>UnitsRetired</c>).</summary>
public sealed record RetailUnitsReceived(Guid PurchaseId, decimal Quantity, decimal Price, string SellerId, Instant At);

/// <summary>Event (buyer's cash): <paramref name="Consideration"/> plus <paramref name="Fee"/> CNY paid for a retail purchase.</summary>
public sealed record RetailPaymentMade(Guid PurchaseId, decimal Consideration, decimal Fee, string SellerId, Instant At);

/// <summary>Event (seller's cash): <paramref name="Consideration"/> less <paramref name="Fee"/> CNY received for a retail sale.</summary>
public sealed record RetailPaymentReceived(Guid PurchaseId, decimal Consideration, decimal Fee, string BuyerId, Instant At);

/// <summary>Event (the exchange's fee account): both sides' retail fees on one purchase, CNY; appended only when not zero.</summary>
public sealed record RetailFeesCollected(Guid PurchaseId, decimal BuyerFee, decimal SellerFee, Instant At);

/// <summary>Event (stream <c>retail-buyer:{participantId}</c>): CNY an individual paid in one purchase, for the yearly limit.</summary>
public sealed record RetailSpendingRecorded(Guid PurchaseId, decimal Amount, int Year, Instant At);
