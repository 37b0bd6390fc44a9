using RightsExchange.Contracts.Biodiversity.V1;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Biodiversity;
using RightsExchange.Gateway.Cancellation;
using RightsExchange.Gateway.Cash;
using RightsExchange.Gateway.Compensation;
using RightsExchange.Gateway.Compliance;
using RightsExchange.Gateway.FourEyes;
using RightsExchange.Gateway.Instruments;
using RightsExchange.Gateway.Issuance;
using RightsExchange.Gateway.Market;
using RightsExchange.Gateway.Orders;
using RightsExchange.Gateway.Participants;
using RightsExchange.Gateway.Pledges;
using RightsExchange.Gateway.Regions;
using RightsExchange.Gateway.Registry;
using RightsExchange.Gateway.Retail;
using RightsExchange.Gateway.Retirement;
using RightsExchange.Gateway.Transfers;
using RightsExchange.Gateway.Webhooks;

namespace RightsExchange.Gateway.ApiDocument;

/// <summary>
/// One example body per request type, shown in the OpenAPI document. Written as the records themselves, so an example
/// cannot drift from its type; the values are those of the documented trades' replay
/// (<c>deploy/scenarios/documented-trades.json</c>).
/// </summary>
public static class RequestExamples
{
    private static readonly Guid Id = Guid.Parse("0199a3f0-5c1e-7a52-9d3b-6f1e2a4b8c01");

    public static readonly IReadOnlyDictionary<Type, object> ByType = new Dictionary<Type, object>
    {
        [typeof(DevTokenRequest)] = new DevTokenRequest("trader-wuhu-1", Roles.Trader, "wuhu-conch-cement"),
        [typeof(PlaceOrderRequest)] = new PlaceOrderRequest(
            "wuhu-2025-06-0001",
            "AH-FCT-2025",
            Side.Buy,
            3494.9m,
            95.00m,
            OrderType.Limit,
            TimeInForce.Day
        ),
        [typeof(AmendOrderRequest)] = new AmendOrderRequest(3000m, 95.00m),
        [typeof(ProposeBlockTradeRequest)] = new ProposeBlockTradeRequest(
            "conch-block-0001",
            "CEA-2024",
            Side.Sell,
            100_000m,
            97.50m,
            "anhui-manufacturer"
        ),
        [typeof(AcceptBlockTradeRequest)] = new AcceptBlockTradeRequest("manufacturer-block-0001"),
        [typeof(AnnounceAuctionRequest)] = new AnnounceAuctionRequest(
            "wanling-auction-0001",
            "AH-FCT-2025",
            3000m,
            90.00m,
            AuctionFormat.OneWayBidding,
            AuctionPricing.UniformPrice,
            NodaTime.Instant.FromUtc(2025, 6, 30, 7, 0),
            100m
        ),
        [typeof(PlaceBidRequest)] = new PlaceBidRequest("wuhu-bid-0001", 1000m, 92.50m),
        [typeof(HaltRequest)] = new HaltRequest("Suspected manipulation under review"),
        [typeof(RegisterParticipantRequest)] = new RegisterParticipantRequest(
            "wuhu-conch-cement",
            "Wuhu Conch Cement",
            ParticipantKind.ComplianceEntity,
            "CN-AH-Wuhu",
            null
        ),
        [typeof(ListInstrumentRequest)] = new ListInstrumentRequest(
            "CEA-2024",
            "National carbon emission allowance, 2024",
            InstrumentClass.Allowance,
            "tCO2e",
            1m,
            2024,
            null,
            null,
            "CN",
            "national-cea-demo",
            97.50m,
            false,
            1m,
            null,
            null,
            null,
            null
        ),
        [typeof(IssueUnitsRequest)] = new IssueUnitsRequest(
            Id,
            "AH-FCT-2025",
            "wanling-forest-farm",
            3494.9m,
            "Wanling forest farm forestry carbon ticket, Xuanzhou district",
            "Anhui provincial forestry bureau"
        ),
        [typeof(AllocationRequest)] = new AllocationRequest(Id, "CEA-2024", "wuhu-conch-cement", 2024, 1_200_000m),
        [typeof(DepositCashRequest)] = new DepositCashRequest(Id, "wuhu-conch-cement", 400_000.00m),
        [typeof(ParticipantStatusRequest)] = new ParticipantStatusRequest("Active", "Account opening documents verified"),
        [typeof(CancellationRequest)] = new CancellationRequest(
            Id,
            "wanling-forest-farm",
            "AH-FCT-2025",
            10m,
            "Verification found 10 t counted twice",
            null
        ),
        [typeof(FreezeRequest)] = new FreezeRequest("Court order 2025-AH-0113"),
        [typeof(TransferRequest)] = new TransferRequest(Id, "wanling-forest-farm", "wuhu-conch-cement", "AH-FCT-2025", 100m, 95.00m, null),
        [typeof(RetirementRequest)] = new RetirementRequest(
            Id,
            "wuhu-conch-cement",
            "AH-FCT-2025",
            3494.9m,
            "Wuhu Conch Cement",
            "Offsetting the ecological impact of a mine",
            null
        ),
        [typeof(PledgeRequest)] = new PledgeRequest(
            Id,
            "huangshan-jiaheng",
            "huizhou-rcb",
            "HS-COD-2024",
            12m,
            "Water-pollutant right pledge loan",
            null
        ),
        [typeof(ForwardPledgeRequest)] = new ForwardPledgeRequest(
            Id,
            "shunchang-forest-farm",
            "industrial-bank-nanping",
            "FJ-FMS-SC",
            "Shunchang state forest farm forest-management sink",
            300_000m,
            20_000_000.00m,
            new NodaTime.LocalDate(2026, 12, 31),
            20_000_000.00m,
            new NodaTime.LocalDate(2026, 12, 31),
            "Pledge loan of 20,000,000 CNY with forward repurchase"
        ),
        [typeof(ReasonRequest)] = new ReasonRequest("Loan repaid in full"),
        [typeof(ConsentRequest)] = new ConsentRequest(
            Id,
            "western-sydney-developer",
            "SSD-10477",
            "Cumberland",
            new GeoPoint(-33.80m, 150.85m),
            [
                new CreditRequirement(BiodiversityCreditKind.Ecosystem, 849, null, 120m, Money.InCny(3_450.00m)),
                new CreditRequirement(BiodiversityCreditKind.Species, null, "Pteropus poliocephalus", 15m, Money.InCny(2_100.00m)),
            ]
        ),
        [typeof(ObligationRetirementRequest)] = new ObligationRetirementRequest(
            Id,
            0,
            "western-sydney-developer",
            "BC-PCT849-CUMBERLAND",
            80m
        ),
        [typeof(FundPaymentRequest)] = new FundPaymentRequest(Id, 0, "western-sydney-developer", 40m),
        [typeof(StewardshipAgreementRequest)] = new StewardshipAgreementRequest(
            Id,
            "cumberland-landholder",
            "Cumberland Plain stewardship site",
            ["BC-PCT849-CUMBERLAND"],
            1_200_000.00m,
            45_000.00m,
            20
        ),
        [typeof(StewardshipDepositRequest)] = new StewardshipDepositRequest(Id, "cumberland-landholder", 300_000.00m),
        [typeof(IndividualSignUpRequest)] = new IndividualSignUpRequest("Li Wei", "CN-FJ-Nanping"),
        [typeof(RetailOfferRequest)] = new RetailOfferRequest(Id, "FJ-FMS-SC", 95.00m, 1_000m),
        [typeof(RetailPurchaseRequest)] = new RetailPurchaseRequest(Id, Id, 1.00m, "Li Wei, a year of commuting by bus"),
        [typeof(CrossRegionRequest)] = new CrossRegionRequest(
            "wuhu-conch-cement",
            "AH-COD-2025",
            "Plant expansion in a neighbouring district"
        ),
        [typeof(CrossRegionDecisionRequest)] = new CrossRegionDecisionRequest("Approve", "Receiving basin has capacity"),
        [typeof(VerifiedEmissionsRequest)] = new VerifiedEmissionsRequest("wuhu-conch-cement", 2024, 1_150_000m, null),
        [typeof(SurrenderRequest)] = new SurrenderRequest(Id, "wuhu-conch-cement", 2024, "CEA-2024", 1_150_000m, null),
        [typeof(RegistryDecisionRequest)] = new RegistryDecisionRequest("Matches the issuing body's notice"),
        [typeof(CompensationAgreementRequest)] = XinAn("Xin'an River, first round", 100_000_000.00m, 2012, 2014),
        [typeof(AmendmentRequest)] = new AmendmentRequest(
            Id,
            XinAn("Xin'an River, second round", 200_000_000.00m, 2015, 2017),
            "Second round signed by both provinces: the amount doubled"
        ),
        [typeof(ObservationRequest)] = new ObservationRequest(Id, "JIEKOU", "CODMn", 2012, 1.9m, "anhui-monitoring-centre", null, null),
        [typeof(AssessmentRequest)] = new AssessmentRequest(2012),
        [typeof(DisputeRequest)] = new DisputeRequest(2012, "anhui-gov", "The TP sample of March was taken downstream of the section"),
        [typeof(DisputeDecisionRequest)] = new DisputeDecisionRequest(true, "The March sample is void; the monitoring body re-measures"),
        [typeof(SpendingRequest)] = new SpendingRequest(
            Id,
            "chishui-county-water-works",
            2_500_000.00m,
            "Sewage collection for the county seat on the Chishui River"
        ),
        [typeof(RegisterWebhook)] = new RegisterWebhook(
            "https://subscriber.example.com/rightsexchange",
            [Contracts.Public.V1.CloudEventTypes.TradeExecuted, Contracts.Public.V1.CloudEventTypes.TradeSettled]
        ),
    };

    private static CompensationAgreementRequest XinAn(string name, decimal amount, int firstYear, int lastYear) =>
        new(
            Id,
            name,
            [new("anhui-gov", CompensationRole.Upstream, 1m), new("zhejiang-gov", CompensationRole.Downstream, 1m)],
            [new("JIEKOU", "Jiekou boundary cross-section", "anhui-gov", null)],
            [
                new("CODMn", "mg/L", 2.0m, 1m, null, null),
                new("NH3-N", "mg/L", 0.15m, 1m, null, null),
                new("TP", "mg/L", 0.04m, 1m, null, null),
            ],
            CompensationFormulas.WaterQualityIndex,
            0.85m,
            amount,
            null,
            firstYear,
            lastYear,
            "Water protection in the upstream basin: sewage works, relocation of fish farms, forest care",
            30,
            null,
            null
        );
}
