using RightsExchange.Hosting;
using RightsExchange.Settlement.Alerts;
using RightsExchange.Settlement.Compensation;
using RightsExchange.Settlement.Cycles;
using RightsExchange.Settlement.Reconciliation;
using RightsExchange.Settlement.Settlements;
using RightsExchange.Settlement.Statements;
using RightsExchange.Settlement.Trades;

// Settlement: every trade becomes one delivery-versus-payment settlement, with its fees; every payable compensation
// year one settlement of its payments. Each capability's folder registers what it needs (its *Slice.cs).
var builder = WebApplication.CreateBuilder(args);

var settlement = new ServiceSlices(builder)
    .AddSettlements()
    .AddCycles()
    .AddCompensation()
    .AddTrades()
    .AddReconciliation()
    .AddAlerts()
    .AddStatements();
builder.AddRightsExchangeStore("settlement", settlement);
builder.AddRightsExchangeMessaging("settlement", settlement);

var app = builder.Build();
app.MapRightsExchangeDefaults();
app.Run();
