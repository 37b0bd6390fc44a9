namespace RightsExchange.Contracts.Reasons;

/// <summary>
/// Every reason code the exchange answers with or records: a stable UPPER_SNAKE_CASE code (the <c>reason</c> of a problem
/// response, the <c>Reason</c> of a rejection or failure event), the HTTP status the gateway answers it with, and what it
/// means. The catalogue (<see cref="ReasonCatalogue"/>) is read from these constants and their <see cref="ReasonAttribute"/>.
/// </summary>
public static class ReasonCodes
{
    // Gateway input
    [Reason(400, "The request could not be understood as sent; the detail says what is wrong.")]
    public const string BadRequest = "BAD_REQUEST";

    [Reason(400, "The days parameter is outside 1 to 366.")]
    public const string DaysOutOfRange = "DAYS_OUT_OF_RANGE";

    [Reason(400, "The asOf parameter is not an accepted ISO-8601 instant inside the accepted bounds.")]
    public const string InvalidAsOf = "INVALID_AS_OF";

    [Reason(400, "The date is not a yyyy-MM-dd day, or lies outside the accepted bounds.")]
    public const string InvalidDate = "INVALID_DATE";

    [Reason(400, "A field of the JSON body has the wrong type or a value its converter refuses; the detail names the field.")]
    public const string InvalidField = "INVALID_FIELD";

    [Reason(400, "A query, route or header parameter could not be read as the type the operation expects.")]
    public const string InvalidParameter = "INVALID_PARAMETER";

    [Reason(400, "A query or route value is too long or holds control characters.")]
    public const string InvalidText = "INVALID_TEXT";

    [Reason(400, "The limit parameter is outside 1 to 1,000.")]
    public const string LimitOutOfRange = "LIMIT_OUT_OF_RANGE";

    [Reason(400, "The request body is not valid JSON.")]
    public const string MalformedJson = "MALFORMED_JSON";

    [Reason(405, "The path exists but does not take this HTTP method.")]
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    [Reason(400, "The operation needs a JSON object as its body and none was sent.")]
    public const string MissingBody = "MISSING_BODY";

    [Reason(406, "The Accept header asks for a media type the API does not answer with (it answers JSON and problem JSON).")]
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    [Reason(404, "No operation answers this method and path; the operations are listed at /openapi/v1.json.")]
    public const string NotFound = "NOT_FOUND";

    [Reason(413, "The request body is larger than the gateway accepts.")]
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";

    [Reason(415, "The request body is not sent as application/json.")]
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    [Reason(400, "One or more fields break their validation rules (required, length, range, pattern); the detail names each.")]
    public const string ValidationFailed = "VALIDATION_FAILED";

    // Service availability
    [Reason(500, "The exchange failed unexpectedly and nothing was half-applied; quote the trace id when reporting it.")]
    public const string InternalError = "INTERNAL_ERROR";

    [Reason(429, "The caller is over its request rate; retry after the time given in Retry-After.")]
    public const string RateLimited = "RATE_LIMITED";

    [Reason(503, "A back-end service or the message broker did not answer in time; it is safe to retry with the same ids.")]
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    // Authorisation
    [Reason(403, "The caller may act on or read only its own participant's accounts, orders and records.")]
    public const string Forbidden = "FORBIDDEN";

    [Reason(403, "The token is valid but its role may not use this operation.")]
    public const string ForbiddenRole = "FORBIDDEN_ROLE";

    [Reason(401, "A bearer token was sent but not accepted; send a valid token, or none for the public entries only.")]
    public const string InvalidToken = "INVALID_TOKEN";

    [Reason(401, "The operation needs a valid bearer token, and none was sent or the one sent was refused.")]
    public const string Unauthenticated = "UNAUTHENTICATED";

    [Reason(400, "A development token was asked for a role the gateway does not know.")]
    public const string UnknownRole = "UNKNOWN_ROLE";

    // Idempotency
    [Reason(409, "The first request with this Idempotency-Key is still running or was just released; retry after it is answered.")]
    public const string IdempotencyKeyInUse = "IDEMPOTENCY_KEY_IN_USE";

    [Reason(422, "The idempotency key, client order id or command id already names a request with other terms; nothing was done.")]
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";

    [Reason(400, "The Idempotency-Key header is not 1 to 255 visible ASCII characters.")]
    public const string InvalidIdempotencyKey = "INVALID_IDEMPOTENCY_KEY";

    // Participants and accounts
    [Reason(422, "The participant's accounts are frozen by a regulator's order, so they may not trade or move units or cash.")]
    public const string AccountFrozen = "ACCOUNT_FROZEN";

    [Reason(422, "The participant's accounts are frozen already.")]
    public const string AlreadyFrozen = "ALREADY_FROZEN";

    [Reason(422, "The participant status asked for is not one a regulator may set (Active or Suspended).")]
    public const string InvalidStatus = "INVALID_STATUS";

    [Reason(422, "The participant's accounts are not frozen, so there is nothing to unfreeze.")]
    public const string NotFrozen = "NOT_FROZEN";

    [Reason(409, "A participant is already registered under this id; an individual signs up only once.")]
    public const string ParticipantExists = "PARTICIPANT_EXISTS";

    [Reason(422, "The participant is pending or suspended, so it may not trade or move units.")]
    public const string ParticipantNotActive = "PARTICIPANT_NOT_ACTIVE";

    [Reason(422, "No participant is registered under the id given (a party, or a configured fund account).")]
    public const string ParticipantUnknown = "PARTICIPANT_UNKNOWN";

    [Reason(422, "The participant already has the status asked for.")]
    public const string SameStatus = "SAME_STATUS";

    // Cash and units
    [Reason(422, "The payer's available cash does not cover the amount needed, fees included.")]
    public const string InsufficientCash = "INSUFFICIENT_CASH";

    [Reason(422, "The holding has fewer units available (or sellable today) than the quantity asked for.")]
    public const string InsufficientUnits = "INSUFFICIENT_UNITS";

    [Reason(422, "The amount is not a positive CNY amount in whole fen, or is more than is owed.")]
    public const string InvalidAmount = "INVALID_AMOUNT";

    [Reason(422, "The price is not positive, not in whole fen, or above the accepted maximum.")]
    public const string InvalidPrice = "INVALID_PRICE";

    [Reason(422, "The quantity is not positive, or not a multiple of the instrument's (or the retail offer's) quantity step.")]
    public const string InvalidQuantity = "INVALID_QUANTITY";

    // Four-eyes approvals
    [Reason(422, "No four-eyes proposal has this id, or the proposal is of an unknown kind.")]
    public const string ActionUnknown = "ACTION_UNKNOWN";

    [Reason(422, "The four-eyes proposal or cross-region request was decided already and no longer waits for a decision.")]
    public const string NotPending = "NOT_PENDING";

    [Reason(422, "The regulator who proposed a four-eyes action may not decide it; a second one must.")]
    public const string SameRegulator = "SAME_REGULATOR";

    // Instruments
    [Reason(409, "An instrument is already listed under this id.")]
    public const string InstrumentExists = "INSTRUMENT_EXISTS";

    [Reason(422, "No instrument is listed, or no order book is open, under the id given.")]
    public const string InstrumentUnknown = "INSTRUMENT_UNKNOWN";

    [Reason(422, "A biodiversity credit's kind, plant community type or species, IBRA subregion or site is missing or inconsistent.")]
    public const string InvalidBiodiversityCredit = "INVALID_BIODIVERSITY_CREDIT";

    [Reason(422, "The compliance share is not a fraction above 0 and at most 1.")]
    public const string InvalidComplianceShare = "INVALID_COMPLIANCE_SHARE";

    [Reason(422, "A pollutant is named for an instrument that is not a pollutant-discharge right, or is missing for one that is.")]
    public const string InvalidPollutant = "INVALID_POLLUTANT";

    [Reason(422, "The instrument's quantity step is not positive.")]
    public const string InvalidQuantityStep = "INVALID_QUANTITY_STEP";

    [Reason(422, "The reference price is not a positive multiple of the trading profile's tick.")]
    public const string InvalidReferencePrice = "INVALID_REFERENCE_PRICE";

    [Reason(422, "A right listed for retail has a quantity step that the configured retail step does not divide.")]
    public const string InvalidRetailStep = "INVALID_RETAIL_STEP";

    [Reason(422, "No trading-rules profile of that name is configured.")]
    public const string InvalidTradingProfile = "INVALID_TRADING_PROFILE";

    [Reason(422, "The validity period ends before it starts.")]
    public const string InvalidValidity = "INVALID_VALIDITY";

    [Reason(422, "A water source is named for an instrument that is not a water-use right, or is missing for one that is.")]
    public const string InvalidWaterSource = "INVALID_WATER_SOURCE";

    [Reason(422, "The instrument is still valid, so its holdings cannot be expired yet.")]
    public const string NotExpired = "NOT_EXPIRED";

    [Reason(422, "The right's validity period has ended, so it can no longer be traded, transferred or settled.")]
    public const string RightExpired = "RIGHT_EXPIRED";

    // Issuance
    [Reason(422, "An allocation goes only to a compliance entity, in allowances of the compliance period's vintage.")]
    public const string AllocationNotEligible = "ALLOCATION_NOT_ELIGIBLE";

    [Reason(422, "No issuance has the id given.")]
    public const string IssuanceUnknown = "ISSUANCE_UNKNOWN";

    [Reason(422, "Credits and sinks are issued, and pledged forward, in batches that name their project or issuing body.")]
    public const string ProjectRequired = "PROJECT_REQUIRED";

    // Holdings and transfers
    [Reason(422, "The transfer or issuance has been reversed already.")]
    public const string AlreadyReversed = "ALREADY_REVERSED";

    [Reason(422, "The transfer or pledge names the same participant on both sides.")]
    public const string SameAccount = "SAME_ACCOUNT";

    [Reason(409, "A transfer was already made under this id.")]
    public const string TransferExists = "TRANSFER_EXISTS";

    [Reason(422, "No transfer has the id given.")]
    public const string TransferUnknown = "TRANSFER_UNKNOWN";

    // Serials and lineage
    [Reason(422, "The holding has fewer free units of the named issuance batch than the quantity asked for.")]
    public const string InsufficientBatchUnits = "INSUFFICIENT_BATCH_UNITS";

    [Reason(400, "The serial range is not valid: serials start at 1, and first may not exceed last.")]
    public const string InvalidSerialRange = "INVALID_SERIAL_RANGE";

    [Reason(422, "The instrument has no issuance batches, so no batch can be named for it.")]
    public const string NotSerialized = "NOT_SERIALIZED";

    [Reason(422, "The holder no longer holds free all the serials concerned; the later transactions must be reversed first.")]
    public const string SerialsMovedOn = "SERIALS_MOVED_ON";

    [Reason(404, "None of the serials asked for has been issued.")]
    public const string SerialsUnknown = "SERIALS_UNKNOWN";

    // Regions and cross-region approvals
    [Reason(422, "The participant already holds a cross-region approval for this right.")]
    public const string AlreadyApproved = "ALREADY_APPROVED";

    [Reason(422, "The participant's cross-region request for this right already waits for a decision.")]
    public const string AlreadyPending = "ALREADY_PENDING";

    [Reason(422, "The decision is not Approve, Refuse or Revoke.")]
    public const string InvalidDecision = "INVALID_DECISION";

    [Reason(422, "Only an approved cross-region request can be revoked.")]
    public const string NotApproved = "NOT_APPROVED";

    [Reason(422, "The right is not bound to a region, so it needs no cross-region approval.")]
    public const string NotRegionBound = "NOT_REGION_BOUND";

    [Reason(422, "The participant has not asked for a cross-region approval for this right.")]
    public const string NoRequest = "NO_REQUEST";

    [Reason(422, "The right is bound to a region the participant lies outside, and no cross-region approval covers it.")]
    public const string RegionNotAllowed = "REGION_NOT_ALLOWED";

    [Reason(422, "The participant lies in the right's region, so no cross-region approval is needed.")]
    public const string WithinRegion = "WITHIN_REGION";

    // Water corridors
    [Reason(422, "The water transfer is larger than its corridor's whole yearly volume, so it could never be served.")]
    public const string ExceedsCorridorVolume = "EXCEEDS_CORRIDOR_VOLUME";

    // Orders
    [Reason(422, "An amendment's new quantity must exceed what the order has already filled; cancel the order instead.")]
    public const string AmendBelowFilled = "AMEND_BELOW_FILLED";

    [Reason(422, "A fill-or-kill order could not trade in full at once, so nothing was done.")]
    public const string FokNotFillable = "FOK_NOT_FILLABLE";

    [Reason(403, "Only the participant that placed the order, proposal, auction or bid may amend or withdraw it.")]
    public const string NotOrderOwner = "NOT_ORDER_OWNER";

    [Reason(404, "The order is unknown, or no longer open (filled, cancelled or expired).")]
    public const string OrderNotFound = "ORDER_NOT_FOUND";

    [Reason(400, "This endpoint takes Limit and Market orders only; block trades and auctions have their own endpoints.")]
    public const string OrderType = "ORDER_TYPE";

    [Reason(422, "The order is larger than the largest listing order; larger quantities trade as block trades.")]
    public const string QuantityAboveMaximum = "QUANTITY_ABOVE_MAXIMUM";

    [Reason(422, "The order is smaller than the smallest listing order of the instrument's trading profile.")]
    public const string QuantityBelowMinimum = "QUANTITY_BELOW_MINIMUM";

    [Reason(422, "The quantity is not a positive multiple of the instrument's lot size (or of the auction's bid lot).")]
    public const string QuantityStep = "QUANTITY_STEP";

    [Reason(422, "A market order cannot be GoodTillCancelled; use Day, ImmediateOrCancel or FillOrKill.")]
    public const string TimeInForceNotAllowed = "TIME_IN_FORCE_NOT_ALLOWED";

    // Price limits and sessions
    [Reason(422, "The instrument is not in its continuous trading session at this time.")]
    public const string MarketClosed = "MARKET_CLOSED";

    [Reason(422, "The order's price is outside today's price limits around the reference price (national ETS trading rules).")]
    public const string PriceOutsideLimits = "PRICE_OUTSIDE_LIMITS";

    [Reason(422, "The price is not a positive multiple of the instrument's tick size.")]
    public const string PriceTick = "PRICE_TICK";

    // Order closure
    [Reason(422, "In an order's ledger record: quantity an amendment took off the order was closed and its reservation released.")]
    public const string Amended = "AMENDED";

    [Reason(422, "The order, block proposal, auction or bid was withdrawn by its owner.")]
    public const string Cancelled = "CANCELLED";

    [Reason(422, "A day order or block proposal left the book at the end of its trading day.")]
    public const string Expired = "EXPIRED";

    [Reason(422, "What an immediate-or-cancel order could not trade at once was cancelled.")]
    public const string ImmediateOrCancel = "IMMEDIATE_OR_CANCEL";

    [Reason(422, "What a market order could not trade at once was cancelled.")]
    public const string MarketRemainder = "MARKET_REMAINDER";

    [Reason(422, "In an order's ledger record: the reservation was released because matching rejected the order.")]
    public const string Rejected = "REJECTED";

    [Reason(422, "An order would have traded with the same participant's order, so what was left of one of them was cancelled.")]
    public const string SelfTradePrevented = "SELF_TRADE_PREVENTED";

    [Reason(422, "In an order's ledger record: the traded quantity was closed because the trade's settlement failed.")]
    public const string SettlementFailed = "SETTLEMENT_FAILED";

    // Block trades
    [Reason(422, "The block trade is smaller than the instrument's block minimum (national ETS trading rules).")]
    public const string BlockBelowMinimum = "BLOCK_BELOW_MINIMUM";

    [Reason(422, "A block trade is proposed to a named counterparty other than the proposer.")]
    public const string BlockCounterparty = "BLOCK_COUNTERPARTY";

    [Reason(422, "The named counterparty declined the block proposal, which left the book.")]
    public const string BlockDeclined = "BLOCK_DECLINED";

    [Reason(422, "No open block proposal has this id and names the caller as its counterparty.")]
    public const string BlockProposalNotFound = "BLOCK_PROPOSAL_NOT_FOUND";

    [Reason(422, "An acceptance must take the other side of the block proposal at exactly its quantity and price.")]
    public const string BlockTermsMismatch = "BLOCK_TERMS_MISMATCH";

    [Reason(422, "The block proposal names a counterparty that is not a registered participant.")]
    public const string CounterpartyUnknown = "COUNTERPARTY_UNKNOWN";

    [Reason(403, "Only the counterparty named in a block proposal may accept or decline it.")]
    public const string NotBlockCounterparty = "NOT_BLOCK_COUNTERPARTY";

    [Reason(422, "Block trades are proposed and accepted only in the block trading session.")]
    public const string OutsideBlockSession = "OUTSIDE_BLOCK_SESSION";

    [Reason(422, "The block price is outside today's block price limits around the reference price (national ETS trading rules).")]
    public const string PriceOutsideBlockLimits = "PRICE_OUTSIDE_BLOCK_LIMITS";

    // Auctions
    [Reason(422, "An auction bid is not a positive multiple of the auction's bid lot.")]
    public const string AuctionBidLot = "AUCTION_BID_LOT";

    [Reason(422, "Auction bids are buy orders.")]
    public const string AuctionBidSide = "AUCTION_BID_SIDE";

    [Reason(422, "An auction bid is larger than the auction's volume.")]
    public const string AuctionBidTooLarge = "AUCTION_BID_TOO_LARGE";

    [Reason(422, "The auction was cancelled when it closed, so its offer and every bid left the book.")]
    public const string AuctionCancelled = "AUCTION_CANCELLED";

    [Reason(422, "The auction's bidding window has closed.")]
    public const string AuctionClosed = "AUCTION_CLOSED";

    [Reason(409, "An auction that has bids cannot be withdrawn; it clears at the end of its window.")]
    public const string AuctionHasBids = "AUCTION_HAS_BIDS";

    [Reason(422, "No open auction has the id given.")]
    public const string AuctionNotFound = "AUCTION_NOT_FOUND";

    [Reason(422, "The auction's terms are missing or invalid: announced by the seller, closing later, a bid lot that fits the lot size.")]
    public const string AuctionTerms = "AUCTION_TERMS";

    [Reason(422, "The part of an auction bid that won nothing at the clearing was cancelled.")]
    public const string AuctionUnfilled = "AUCTION_UNFILLED";

    [Reason(422, "The part of an auction's volume left unsold at the clearing stays with the seller.")]
    public const string AuctionUnsold = "AUCTION_UNSOLD";

    [Reason(422, "An auction was cancelled because its sealed bids totalled less than its volume (EEX-style sealed bid).")]
    public const string BidsBelowVolume = "BIDS_BELOW_VOLUME";

    [Reason(422, "A bid in a one-way bidding auction is below the reserve price (national ETS trading rules).")]
    public const string BidBelowReserve = "BID_BELOW_RESERVE";

    [Reason(422, "An auction was cancelled because its sealed-bid clearing price fell below the reserve (EEX-style sealed bid).")]
    public const string ClearingBelowReserve = "CLEARING_BELOW_RESERVE";

    [Reason(422, "An auction was cancelled because nobody bid before its window closed.")]
    public const string NoBids = "NO_BIDS";

    [Reason(422, "The seller may not bid in its own auction.")]
    public const string SelfTrade = "SELF_TRADE";

    // Pledges
    [Reason(422, "The forward pledge's loan terms are invalid: amounts not positive CNY in whole fen, or repurchase after maturity.")]
    public const string InvalidLoan = "INVALID_LOAN";

    [Reason(422, "Only the pledgee or a regulator releases a pledge, and only a regulator enforces one.")]
    public const string NotPledgee = "NOT_PLEDGEE";

    [Reason(422, "Only the pledgor, or a regulator, may buy a forward pledge back.")]
    public const string NotPledgor = "NOT_PLEDGOR";

    [Reason(409, "A pledge already exists under this id.")]
    public const string PledgeExists = "PLEDGE_EXISTS";

    [Reason(422, "The pledge is no longer active (released, enforced or repurchased).")]
    public const string PledgeNotActive = "PLEDGE_NOT_ACTIVE";

    [Reason(422, "The pledge pledges issued units and has no repurchase agreement; its pledgee releases it instead.")]
    public const string PledgeNotForward = "PLEDGE_NOT_FORWARD";

    [Reason(422, "A forward pledge can be enforced only after its loan's maturity date.")]
    public const string PledgeNotMature = "PLEDGE_NOT_MATURE";

    [Reason(422, "No pledge has the id given.")]
    public const string PledgeUnknown = "PLEDGE_UNKNOWN";

    // Surrender and compliance
    [Reason(422, "The entity's verified emissions for the period are recorded already; a correction is a reversal.")]
    public const string AlreadyVerified = "ALREADY_VERIFIED";

    [Reason(409, "The party already has a compliance obligation for the year, so a shortfall cannot be recorded for it.")]
    public const string ComplianceRecordExists = "COMPLIANCE_RECORD_EXISTS";

    [Reason(422, "No verified emissions or indicator shortfall is recorded for the entity and period, so nothing can be surrendered.")]
    public const string EmissionsNotVerified = "EMISSIONS_NOT_VERIFIED";

    [Reason(422, "The quantity is more than the obligation still requires.")]
    public const string ExceedsObligation = "EXCEEDS_OBLIGATION";

    [Reason(422, "Verified emissions are tCO2e and cannot be negative.")]
    public const string InvalidEmissions = "INVALID_EMISSIONS";

    [Reason(422, "The instrument may not be surrendered for this compliance obligation.")]
    public const string NotEligible = "NOT_ELIGIBLE";

    [Reason(422, "Offsets may cover only their capped share of verified emissions (5% for CCER on the national market).")]
    public const string OffsetLimit = "OFFSET_LIMIT";

    [Reason(422, "The allowances' vintage is later than the compliance period they are surrendered for.")]
    public const string VintageNotEligible = "VINTAGE_NOT_ELIGIBLE";

    // Retirement
    [Reason(422, "A retirement, including a retail purchase retired for someone, must name its beneficiary.")]
    public const string BeneficiaryMissing = "BENEFICIARY_MISSING";

    [Reason(404, "No retirement record has the id given.")]
    public const string RetirementUnknown = "RETIREMENT_UNKNOWN";

    // Compensation
    [Reason(409, "A compensation or stewardship agreement is already recorded under this id.")]
    public const string AgreementExists = "AGREEMENT_EXISTS";

    [Reason(422, "No compensation or stewardship agreement has the id given.")]
    public const string AgreementUnknown = "AGREEMENT_UNKNOWN";

    [Reason(422, "The year was assessed and its payments settled already.")]
    public const string AlreadyPaid = "ALREADY_PAID";

    [Reason(422, "A party disputed the year's assessment; a regulator decides the dispute before anything is paid.")]
    public const string Disputed = "DISPUTED";

    [Reason(422, "The year's dispute window has ended, so its assessment can no longer be disputed.")]
    public const string DisputeWindowClosed = "DISPUTE_WINDOW_CLOSED";

    [Reason(422, "The year's assessment may still be disputed; it is paid when its dispute window ends.")]
    public const string DisputeWindowOpen = "DISPUTE_WINDOW_OPEN";

    [Reason(422, "The agreement measures no indicator of that code.")]
    public const string IndicatorUnknown = "INDICATOR_UNKNOWN";

    [Reason(422, "A compensation fund cannot pay itself.")]
    public const string InvalidPayee = "INVALID_PAYEE";

    [Reason(422, "The agreement's terms are invalid or inconsistent; the detail says what is wrong.")]
    public const string InvalidTerms = "INVALID_TERMS";

    [Reason(422, "The measured value is negative, or not a multiple of the settling instrument's step.")]
    public const string InvalidValue = "INVALID_VALUE";

    [Reason(422, "The year has not been assessed yet.")]
    public const string NotAssessed = "NOT_ASSESSED";

    [Reason(422, "The participant is not a registered monitoring body, so it cannot record measured values.")]
    public const string NotAMonitoringBody = "NOT_A_MONITORING_BODY";

    [Reason(422, "The participant is not a party to the agreement in that year.")]
    public const string NotAParty = "NOT_A_PARTY";

    [Reason(422, "The year's assessment is not in a state that can be disputed.")]
    public const string NotDisputable = "NOT_DISPUTABLE";

    [Reason(422, "No dispute of the year waits for a decision.")]
    public const string NotDisputed = "NOT_DISPUTED";

    [Reason(422, "The agreement names no fund account to spend from.")]
    public const string NoFund = "NO_FUND";

    [Reason(422, "Values needed to assess the year are missing.")]
    public const string ObservationsMissing = "OBSERVATIONS_MISSING";

    [Reason(409, "A value is already recorded for the section, indicator and year; send a correction that names it.")]
    public const string ObservationExists = "OBSERVATION_EXISTS";

    [Reason(422, "The observation to correct does not exist, does not match, or has been corrected already.")]
    public const string ObservationUnknown = "OBSERVATION_UNKNOWN";

    [Reason(422, "Spending from a compensation fund must state its purpose.")]
    public const string PurposeRequired = "PURPOSE_REQUIRED";

    [Reason(422, "An amendment, dispute, dispute decision or correction must say why.")]
    public const string ReasonRequired = "REASON_REQUIRED";

    [Reason(422, "The agreement assesses no section of that code.")]
    public const string SectionUnknown = "SECTION_UNKNOWN";

    [Reason(422, "The year's payments are with settlement; its outcome shows on the agreement when it comes.")]
    public const string Settling = "SETTLING";

    [Reason(422, "New terms cannot start in or before a year already assessed under the terms in force.")]
    public const string YearAlreadyAssessed = "YEAR_ALREADY_ASSESSED";

    [Reason(422, "The year lies outside the agreement's term.")]
    public const string YearOutsideTerm = "YEAR_OUTSIDE_TERM";

    // Biodiversity and stewardship
    [Reason(409, "A development consent is already recorded under this id.")]
    public const string ConsentExists = "CONSENT_EXISTS";

    [Reason(422, "No development consent has the id given.")]
    public const string ConsentUnknown = "CONSENT_UNKNOWN";

    [Reason(422, "The stewardship agreement's terms are invalid, or its credits are not a listed biodiversity credit.")]
    public const string InvalidAgreement = "INVALID_AGREEMENT";

    [Reason(422, "The consent's credit requirement lines are missing or invalid; the detail says which.")]
    public const string InvalidRequirement = "INVALID_REQUIREMENT";

    [Reason(422, "No stewardship payment is due under the agreement yet.")]
    public const string NothingDue = "NOTHING_DUE";

    [Reason(422, "The instrument is not a biodiversity credit, so it cannot discharge a credit obligation.")]
    public const string NotBiodiversityCredit = "NOT_BIODIVERSITY_CREDIT";

    [Reason(422, "Only the consent's developer pays into the fund for its credit obligation.")]
    public const string NotDeveloper = "NOT_DEVELOPER";

    [Reason(422, "Only the land holder pays the stewardship agreement's deposit.")]
    public const string NotLandholder = "NOT_LANDHOLDER";

    [Reason(422, "The credits do not match the obligation line like for like (NSW Biodiversity Conservation Regulation 2017).")]
    public const string NotLikeForLike = "NOT_LIKE_FOR_LIKE";

    [Reason(422, "The participant owes no credits on that line of the consent.")]
    public const string NotObliged = "NOT_OBLIGED";

    [Reason(422, "The consent has no credit requirement line of that number.")]
    public const string RequirementUnknown = "REQUIREMENT_UNKNOWN";

    // Retail
    [Reason(422, "The amount does not buy even the offer's smallest retail step, fees included.")]
    public const string AmountTooSmall = "AMOUNT_TOO_SMALL";

    [Reason(422, "Retail purchases are for individuals; members buy on the order book.")]
    public const string NotIndividual = "NOT_INDIVIDUAL";

    [Reason(422, "The right is not listed for retail offers.")]
    public const string NotRetail = "NOT_RETAIL";

    [Reason(422, "Only the seller that listed a retail offer may withdraw it.")]
    public const string NotSeller = "NOT_SELLER";

    [Reason(422, "The retail offer has been withdrawn.")]
    public const string OfferClosed = "OFFER_CLOSED";

    [Reason(409, "A retail offer is already listed under this id.")]
    public const string OfferExists = "OFFER_EXISTS";

    [Reason(422, "The retail offer has too few units left for the amount.")]
    public const string OfferSoldOut = "OFFER_SOLD_OUT";

    [Reason(422, "No retail offer has the id given.")]
    public const string OfferUnknown = "OFFER_UNKNOWN";

    [Reason(422, "The purchase would pass the retail limit per purchase or per year.")]
    public const string RetailLimitExceeded = "RETAIL_LIMIT_EXCEEDED";

    [Reason(422, "An individual's account only buys from retail offers: it places no orders, sells nothing and makes no transfers.")]
    public const string RetailOnly = "RETAIL_ONLY";

    // Settlement
    [Reason(422, "In a settlement failure: the sell order had fewer units reserved than the trade needs.")]
    public const string InsufficientReservedUnits = "INSUFFICIENT_RESERVED_UNITS";

    [Reason(422, "In a settlement failure: no funded buy or sell order backs the trade.")]
    public const string ReservationMissing = "RESERVATION_MISSING";

    // Reconciliation
    [Reason(422, "A reconciliation finding: units issued or cash deposited differ from what the accounts hold.")]
    public const string Conservation = "CONSERVATION";

    [Reason(422, "A reconciliation finding: the fee account holds other than the fees the posted settlements collected.")]
    public const string FeeAccount = "FEE_ACCOUNT";

    [Reason(422, "A reconciliation finding: a trade's settlement is still neither settled nor failed when it should be.")]
    public const string NotFinal = "NOT_FINAL";

    [Reason(422, "A reconciliation finding: the registry and the settlement ledger record different outcomes for a settlement.")]
    public const string OutcomeMismatch = "OUTCOME_MISMATCH";

    [Reason(422, "A reconciliation finding: the registry refused a settlement yet posted movements for it.")]
    public const string PostedButFailed = "POSTED_BUT_FAILED";

    [Reason(422, "A reconciliation finding: the movements posted for a settlement differ from those instructed.")]
    public const string PostingMismatch = "POSTING_MISMATCH";

    [Reason(422, "A reconciliation finding: a settled trade has no posting in the registry.")]
    public const string PostingMissing = "POSTING_MISSING";

    [Reason(422, "A reconciliation finding: the registry posted movements for a trade the settlement ledger does not know.")]
    public const string PostingWithoutSettlement = "POSTING_WITHOUT_SETTLEMENT";

    // Audit logs and chain
    [Reason(422, "An audit finding: the chain differs from a checkpoint kept outside it, so the log was rewritten or cut back.")]
    public const string CheckpointMismatch = "CHECKPOINT_MISMATCH";

    [Reason(422, "An audit finding: an event no longer hashes to its chain link, so it was changed or events were reordered.")]
    public const string EventAltered = "EVENT_ALTERED";

    [Reason(422, "An audit finding: an event the chain covers was deleted from the log.")]
    public const string EventMissing = "EVENT_MISSING";

    [Reason(422, "An audit finding: an event in the log was never chained, so it was inserted afterwards.")]
    public const string EventNotInChain = "EVENT_NOT_IN_CHAIN";

    [Reason(400, "A checkpoint is not log:sequence:hash with a ledger log and a 64-character hexadecimal hash.")]
    public const string InvalidCheckpoint = "INVALID_CHECKPOINT";

    [Reason(400, "The export format is not one of those offered (json, csv or jsonl).")]
    public const string InvalidFormat = "INVALID_FORMAT";

    [Reason(400, "An instant parameter is not an accepted ISO-8601 UTC instant inside the accepted bounds.")]
    public const string InvalidInstant = "INVALID_INSTANT";

    [Reason(400, "The limit parameter is outside the range the endpoint accepts.")]
    public const string InvalidLimit = "INVALID_LIMIT";

    [Reason(400, "The order id is not a UUID.")]
    public const string InvalidOrderId = "INVALID_ORDER_ID";

    [Reason(404, "No audit log names the order.")]
    public const string OrderUnknown = "ORDER_UNKNOWN";

    [Reason(400, "The log named is not one of the exchange's audit logs.")]
    public const string UnknownLog = "UNKNOWN_LOG";

    // Webhooks and feed
    [Reason(404, "The webhook has no delivery with the id given.")]
    public const string DeliveryUnknown = "DELIVERY_UNKNOWN";

    [Reason(400, "The status filter of a webhook's deliveries is not Pending, Delivered or DeadLettered.")]
    public const string InvalidDeliveryStatus = "INVALID_DELIVERY_STATUS";

    [Reason(400, "The Last-Event-ID header is not a feed position (a non-negative integer).")]
    public const string InvalidLastEventId = "INVALID_LAST_EVENT_ID";

    [Reason(400, "The webhook URL is not an absolute http or https URL.")]
    public const string InvalidWebhookUrl = "INVALID_WEBHOOK_URL";

    [Reason(409, "Only a dead-lettered delivery can be sent again.")]
    public const string NotDeadLettered = "NOT_DEAD_LETTERED";

    [Reason(400, "An event type named is not one of the feed's types.")]
    public const string UnknownEventType = "UNKNOWN_EVENT_TYPE";

    [Reason(422, "The webhook URL points at a non-public (private, loopback, link-local...) address or carries user information.")]
    public const string WebhookTargetRefused = "WEBHOOK_TARGET_REFUSED";

    [Reason(404, "The caller has no webhook with the id given.")]
    public const string WebhookUnknown = "WEBHOOK_UNKNOWN";

    // Market control
    [Reason(409, "Trading in the instrument is halted already.")]
    public const string AlreadyHalted = "ALREADY_HALTED";

    [Reason(422, "Trading in the instrument is halted by a regulator; new orders, amendments and block trades are refused.")]
    public const string InstrumentHalted = "INSTRUMENT_HALTED";

    [Reason(409, "Trading in the instrument is not halted, so there is nothing to resume.")]
    public const string NotHalted = "NOT_HALTED";
}
