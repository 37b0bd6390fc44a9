using JasperFx.Events.Projections;
using RightsExchange.Hosting;
using RightsExchange.Settlement.Alerts;
using RightsExchange.Settlement.Reconciliation;
using RightsExchange.Settlement.Settlements;
using RightsExchange.Settlement.Trades;

// Settlement: every trade becomes one delivery-versus-payment settlement, with its fees.
var builder = WebApplication.CreateBuilder(args);

builder.AddRightsExchangeStore("settlement", options =>
{
    options.Projections.Add(new FoldProjection<Settlement>(), ProjectionLifecycle.Inline);
    options.Schema.For<Settlement>().Index(s => s.Instructions.InstrumentId);
});
builder.Services.Configure<FeeScheduleSettings>(builder.Configuration.GetSection("FeeSchedule"));
builder.Services.AddSingleton<SettlementWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SettlementWriter>());
builder.Services.Configure<ReconciliationSettings>(builder.Configuration.GetSection("Reconciliation"));
builder.Services.AddScoped<Reconciler>();
builder.Services.AddHostedService<DailyReconciliation>();

builder.AddRightsExchangeMessaging("settlement", bus =>
{
    bus.AddConsumer<TradeExecutedConsumer>();
    bus.AddConsumer<SettlementOutcomeConsumer>();
    bus.AddConsumer<GetTradesConsumer>();
    bus.AddConsumer<RunReconciliationConsumer>();
    bus.AddConsumer<GetReconciliationsConsumer>();
    bus.AddConsumer<DeadLetterAlertConsumer>();
    bus.AddConsumer<GetAlertsConsumer>();
});

var app = builder.Build();
app.MapRightsExchangeDefaults();
app.Run();
