using RightsExchange.Accounts.Biodiversity;
using RightsExchange.Accounts.Cash;
using RightsExchange.Accounts.Compensation;
using RightsExchange.Accounts.Compliance;
using RightsExchange.Accounts.Corridors;
using RightsExchange.Accounts.Expiry;
using RightsExchange.Accounts.FourEyes;
using RightsExchange.Accounts.Instruments;
using RightsExchange.Accounts.Issuance;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Orders;
using RightsExchange.Accounts.Participants;
using RightsExchange.Accounts.Pledges;
using RightsExchange.Accounts.Retirement;
using RightsExchange.Accounts.Transfers;
using RightsExchange.Accounts.Regions;
using RightsExchange.Accounts.Settlement;
using RightsExchange.Accounts.Statements;
using RightsExchange.Hosting;

// The registry: participants, instruments, holding and cash accounts, reservations and delivery versus payment.
var builder = WebApplication.CreateBuilder(args);

builder.AddRightsExchangeStore("accounts", options =>
{
    // Each aggregate's document is the fold of its stream, stored by the LedgerWriter in the commit of every append.
    options.Schema.For<Participant>();
    options.Schema.For<Instrument>();
    options.Schema.For<CashAccount>();
    options.Schema.For<OrderReservation>();
    options.Schema.For<SettlementRecord>();
    options.Schema.For<CrossRegionPermit>();
    options.Schema.For<Pledge>();
    options.Schema.For<ForwardPledges>();
    options.Schema.For<DevelopmentConsent>();
    options.Schema.For<ComplianceRecord>();
    options.Schema.For<RegistryAction>();
    options.Schema.For<TransferRecord>();
    options.Schema.For<CorridorUse>();
    options.Schema.For<IssuanceReversal>();
    options.Schema.For<Holding>().Index(h => h.ParticipantId);
    options.Schema.For<AsOfSnapshot<Holding>>().Index(s => s.StreamKey);
    options.Schema.For<AsOfSnapshot<CashAccount>>().Index(s => s.StreamKey);
});
builder.Services.Configure<FeeScheduleSettings>(builder.Configuration.GetSection("FeeSchedule"));
builder.Services.Configure<ExchangeSettings>(builder.Configuration.GetSection("Exchange"));
builder.Services.Configure<RegionalRuleSettings>(builder.Configuration.GetSection("Registry:RegionalRules"));
builder.Services.Configure<RegistrySettings>(builder.Configuration.GetSection("Registry"));
builder.Services.Configure<BiodiversitySettings>(builder.Configuration.GetSection("Biodiversity"));
builder.Services.Configure<Dictionary<string, TradingProfileTick>>(builder.Configuration.GetSection("Trading:Profiles"));
builder.Services.AddSingleton<LedgerWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LedgerWriter>());
builder.Services.AddHostedService<DailyExpiry>();
builder.Services.AddHostedService<DailyCorridorService>();

builder.AddRightsExchangeMessaging("accounts", bus =>
{
    bus.AddConsumer<RegisterParticipantConsumer>();
    bus.AddConsumer<ListInstrumentConsumer>();
    bus.AddConsumer<IssueUnitsConsumer>();
    bus.AddConsumer<ReverseIssuanceConsumer>();
    bus.AddConsumer<DepositCashConsumer>();
    bus.AddConsumer<PlaceOrderConsumer>();
    bus.AddConsumer<OrderClosedConsumer>();
    bus.AddConsumer<AmendOrderConsumer>();
    bus.AddConsumer<SettlementInstructedConsumer>();
    bus.AddConsumer<NetCycleInstructedConsumer>();
    bus.AddConsumer<FreezeAccountConsumer>();
    bus.AddConsumer<CrossRegionApprovalConsumer>();
    bus.AddConsumer<TransferUnitsConsumer>();
    bus.AddConsumer<RetireUnitsConsumer>();
    bus.AddConsumer<CancelUnitsConsumer>();
    bus.AddConsumer<ExpireRightsConsumer>();
    bus.AddConsumer<ChangeParticipantStatusConsumer>();
    bus.AddConsumer<GetRetirementConsumer>(typeof(QueryDefinition<GetRetirementConsumer>));
    bus.AddConsumer<GetSerialLineageConsumer>(typeof(QueryDefinition<GetSerialLineageConsumer>));
    bus.AddConsumer<GetWaterCorridorsConsumer>(typeof(QueryDefinition<GetWaterCorridorsConsumer>));
    bus.AddConsumer<PledgeConsumer>();
    bus.AddConsumer<PledgeForwardConsumer>();
    bus.AddConsumer<RepurchasePledgeConsumer>();
    bus.AddConsumer<RecordDevelopmentConsentConsumer>();
    bus.AddConsumer<RetireAgainstObligationConsumer>();
    bus.AddConsumer<PayConservationFundConsumer>();
    bus.AddConsumer<GetObligationConsumer>(typeof(QueryDefinition<GetObligationConsumer>));
    bus.AddConsumer<GetCreditRegisterConsumer>(typeof(QueryDefinition<GetCreditRegisterConsumer>));
    bus.AddConsumer<GetPledgeConsumer>(typeof(QueryDefinition<GetPledgeConsumer>));
    bus.AddConsumer<ComplianceConsumer>();
    bus.AddConsumer<RegistryActionConsumer>();
    bus.AddConsumer<GetRegistryActionsConsumer>(typeof(QueryDefinition<GetRegistryActionsConsumer>));
    bus.AddConsumer<GetComplianceStatusConsumer>(typeof(QueryDefinition<GetComplianceStatusConsumer>));
    bus.AddConsumer<GetCrossRegionApprovalConsumer>(typeof(QueryDefinition<GetCrossRegionApprovalConsumer>));
    bus.AddConsumer<GetAccountConsumer>(typeof(QueryDefinition<GetAccountConsumer>));
    bus.AddConsumer<GetConservationConsumer>(typeof(QueryDefinition<GetConservationConsumer>));
    bus.AddConsumer<GetPositionsConsumer>(typeof(QueryDefinition<GetPositionsConsumer>));
    bus.AddConsumer<GetSettlementPostingsConsumer>(typeof(QueryDefinition<GetSettlementPostingsConsumer>));
    bus.AddConsumer<ProposeAgreementConsumer>();
    bus.AddConsumer<RecordObservationConsumer>();
    bus.AddConsumer<AssessPeriodConsumer>();
    bus.AddConsumer<AmendAgreementConsumer>();
    bus.AddConsumer<CompensationSettlementInstructedConsumer>();
    bus.AddConsumer<SpendFromFundConsumer>();
    bus.AddConsumer<CompensationDisputeConsumer>();
    bus.AddConsumer<GetCompensationAgreementConsumer>(typeof(QueryDefinition<GetCompensationAgreementConsumer>));
});

var app = builder.Build();
app.MapRightsExchangeDefaults();
app.Run();
