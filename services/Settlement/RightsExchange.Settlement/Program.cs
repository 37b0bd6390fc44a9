using MassTransit;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;
using RightsExchange.Settlement.Alerts;
using RightsExchange.Settlement.Compensation;
using RightsExchange.Settlement.Cycles;
using RightsExchange.Settlement.Reconciliation;
using RightsExchange.Settlement.Settlements;
using RightsExchange.Settlement.Statements;
using RightsExchange.Settlement.Trades;

// Settlement: every trade becomes one delivery-versus-payment settlement, with its fees; every payable compensation
// year one settlement of its payments.
var builder = WebApplication.CreateBuilder(args);

builder.AddRightsExchangeStore("settlement", options =>
{
    // Its table keeps the name it had as Settlement (mt_doc_settlement).
    options.Schema.For<TradeSettlement>().DocumentAlias("settlement").Index(s => s.Instructions.InstrumentId).Index(s => s.Status);
    options.Schema.For<ListedInstrument>();
    options.Schema.For<CompensationSettlement>().Index(s => s.Status);
});
builder.Services.Configure<FeeScheduleSettings>(builder.Configuration.GetSection("FeeSchedule"));
builder.Services.AddSingleton<SettlementWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SettlementWriter>());
builder.Services.Configure<ExchangeSettings>(builder.Configuration.GetSection("Exchange"));
builder.Services.Configure<SettlementCycleSettings>(builder.Configuration.GetSection("Settlement"));
builder.Services.AddSingleton<SettlementCycles>();
builder.Services.AddSingleton<NetCycles>();
builder.Services.AddHostedService<EndOfDayNetCycle>();
builder.Services.Configure<ReconciliationSettings>(builder.Configuration.GetSection("Reconciliation"));
builder.Services.AddScoped<Reconciler>();
builder.Services.AddHostedService<DailyReconciliation>();

builder.AddRightsExchangeMessaging(
    "settlement",
    bus =>
    {
        bus.AddConsumer<TradeExecutedConsumer>();
        bus.AddConsumer<SettlementOutcomeConsumer>();
        bus.AddConsumer<CompensationSettlementConsumer>();
        bus.AddConsumer<GetTradesConsumer>(typeof(QueryDefinition<GetTradesConsumer>));
        bus.AddConsumer<RunReconciliationConsumer>();
        bus.AddConsumer<GetReconciliationsConsumer>(typeof(QueryDefinition<GetReconciliationsConsumer>));
        bus.AddConsumer<DeadLetterAlertConsumer>();
        bus.AddConsumer<InstrumentListedConsumer>();
        bus.AddConsumer<RunNetCycleConsumer>();
        bus.AddConsumer<GetDailyStatementConsumer>(typeof(QueryDefinition<GetDailyStatementConsumer>));
        bus.AddConsumer<GetAlertsConsumer>(typeof(QueryDefinition<GetAlertsConsumer>));
    },
    (context, cfg) =>
    {
        // Listings travel on the matching partitions' direct exchange; this queue hears every partition.
        var prefix = builder.Configuration["Messaging:EndpointPrefix"];
        cfg.ReceiveEndpoint(string.IsNullOrEmpty(prefix) ? "settlement-instrument-listed" : $"{prefix}-settlement-instrument-listed", e =>
        {
            e.ConfigureConsumeTopology = false;
            for (var p = 0; p < builder.Configuration.GetValue(MatchingPartitions.CountKey, 4); p++)
                MatchingPartitions.Bind<MessageBatch<InstrumentListed>>(e, p);
            e.ConfigureConsumer<InstrumentListedConsumer>(context);
            ReplicatedQueues.Apply(e, context);
        });
    },
    exclude => exclude.Exclude<InstrumentListedConsumer>()
);

var app = builder.Build();
app.MapRightsExchangeDefaults();
app.Run();
